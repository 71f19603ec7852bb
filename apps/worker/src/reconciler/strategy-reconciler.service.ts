import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../../libs/config';
import { APP_CONFIG } from '../../../../libs/engine/config/app-config.token';
import { createLogger } from '../../../../libs/engine/logger/create-logger';
import { StrategyWorkflowClient } from '../../../../libs/scheduling/strategy-workflow-client';
import { msUntilNextTick } from '../../../../libs/scheduling/reconcile-ticks';
import { workerFlagsOf } from '../../../../libs/scheduling/worker-flags';
import { StrategyReconciler } from './strategy-reconciler';
import { TypeormActiveStrategySource } from './typeorm-active-strategy-source';
import { buildStrategyActivities } from '../temporal/build-strategy-activities';

/**
 * Runs the reconciler at start-up and then on ticks aligned to the reconcile interval, so the
 * API can tell users when the next reload happens without asking the worker.
 */
@Injectable()
export class StrategyReconcilerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = createLogger('scheduler');
  private readonly reconciler: StrategyReconciler;
  private timer?: NodeJS.Timeout;
  private current?: Promise<unknown>;
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    dataSource: DataSource,
    client: Client,
  ) {
    const activities = buildStrategyActivities(dataSource, config, this.logger);
    this.reconciler = new StrategyReconciler(
      new TypeormActiveStrategySource(dataSource),
      new StrategyWorkflowClient(client, config.temporal.taskQueue),
      this.logger,
      (strategy) => activities.cancelGridOrders({ strategyId: strategy.id, userId: strategy.userId }),
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!workerFlagsOf(this.config).effective.strategy_workflows) return;
    this.logger.info('🚀 Starting autonomous trading scheduler...');
    await this.tick();
    this.logger.info('✅ Trading scheduler started successfully');
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.current;
  }

  /** One reconciliation now, outside the schedule (operators' tooling and tests). */
  reconcileNow() {
    return this.reconciler.reconcileOnce();
  }

  private async tick(): Promise<void> {
    this.current = this.reconciler.reconcileOnce().catch((err) => {
      this.logger.error({ err }, `❌ Error loading active strategies: ${(err as Error).message}`);
    });
    await this.current;
    if (!this.stopped) this.timer = setTimeout(() => void this.tick(), msUntilNextTick(Date.now(), this.config.reconcileIntervalSeconds));
  }
}
