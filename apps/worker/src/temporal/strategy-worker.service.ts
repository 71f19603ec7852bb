import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { NativeConnection, type Worker, type WorkflowBundleOption } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { temporalAddress, type AppConfig } from '../../../../libs/config';
import { APP_CONFIG } from '../../../../libs/engine/config/app-config.token';
import { createLogger } from '../../../../libs/engine/logger/create-logger';
import { workerFlagsOf } from '../../../../libs/scheduling/worker-flags';
import { buildStrategyActivities } from './build-strategy-activities';
import { createStrategyWorker } from './create-strategy-worker';

/** A prebuilt workflow bundle (tests share one); undefined = the build's bundle, or bundle at start. */
export const WORKFLOW_BUNDLE = Symbol('WorkflowBundle');

/** Hosts the Temporal worker that runs strategy workflows and their activities. */
@Injectable()
export class StrategyWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = createLogger('worker');
  private connection?: NativeConnection;
  private worker?: Worker;
  private running?: Promise<void>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    @Inject(WORKFLOW_BUNDLE) private readonly workflowBundle: WorkflowBundleOption | undefined,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!workerFlagsOf(this.config).effective.strategy_workflows) {
      this.logger.warn('⚠️ Strategy execution disabled (DISABLE_BACKGROUND_SERVICES / ENABLE_TRADING_SCHEDULER); not polling Temporal');
      return;
    }
    this.connection = await NativeConnection.connect({ address: temporalAddress(this.config) });
    this.worker = await createStrategyWorker({
      connection: this.connection,
      namespace: this.config.temporal.namespace,
      taskQueue: this.config.temporal.taskQueue,
      activities: buildStrategyActivities(this.dataSource, this.config, createLogger('strategy-execution')),
      workflowBundle: this.workflowBundle,
    });
    this.running = this.worker.run().catch((err) => {
      this.logger.fatal({ err }, 'Temporal worker stopped with an error');
      process.exitCode = 1;
    });
    this.logger.info(`Worker started: polling task queue ${this.config.temporal.taskQueue} on ${temporalAddress(this.config)}`);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running;
    await this.connection?.close();
    if (this.worker) this.logger.info('Worker stopped: in-flight activities finished, polling ended');
  }
}
