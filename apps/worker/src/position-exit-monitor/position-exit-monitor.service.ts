import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../../libs/config';
import { loadBrokerCredentials } from '../../../../libs/broker-accounts/load-broker-credentials';
import { APP_CONFIG } from '../../../../libs/engine/config/app-config.token';
import { createLogger } from '../../../../libs/engine/logger/create-logger';
import { applyBrokerOrderUpdate } from '../../../../libs/order-fills/apply-broker-order-update';
import { StrategyWorkflowClient } from '../../../../libs/scheduling/strategy-workflow-client';
import { placeOrderOnce } from '../../../../activities/strategy-execution/place-order-once';
import { TypeormExecutionStore } from '../../../../activities/strategy-execution/typeorm-execution-store';
import { brokerFactory } from '../temporal/broker-factory';
import { TemporalExitSignaller } from './exit-signaller';
import { PositionExitMonitor } from './position-exit-monitor';
import { sdkPriceStreams } from './sdk-price-stream';
import { TypeormExitMonitorSource } from './typeorm-exit-monitor-source';

/** Hosts the position-exit monitor in the worker process. */
@Injectable()
export class PositionExitMonitorService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = createLogger('position-exits');
  private monitor?: PositionExitMonitor;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly client: Client,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.disableBackgroundServices) {
      this.logger.info('⏸️ Position exit monitor not started: DISABLE_BACKGROUND_SERVICES=true');
      return;
    }
    if (!this.config.enablePositionExitMonitor) {
      this.logger.warn('⏸️ Position exit monitor not started: ENABLE_POSITION_EXIT_MONITOR=false (take profit, stop loss and trailing stops will not fire)');
      return;
    }
    const { config, dataSource } = this;
    const orders = new TypeormExecutionStore(dataSource);
    const workflows = new StrategyWorkflowClient(this.client, config.temporal.taskQueue);
    this.monitor = new PositionExitMonitor({
      source: new TypeormExitMonitorSource(dataSource),
      placeOrder: (broker, order) => placeOrderOnce(orders, broker, order),
      applyUpdate: (order) => applyBrokerOrderUpdate(dataSource, { order }),
      signaller: new TemporalExitSignaller(this.client),
      stopWorkflow: (strategyId) => workflows.stop(strategyId),
      loadCredentials: (userId) => loadBrokerCredentials(dataSource, userId, config.encryptionKey, new Date()),
      brokerFor: brokerFactory(config),
      logger: this.logger,
      now: () => new Date(),
      pollIntervalMs: config.positionExitPollSeconds * 1000,
      openPriceStream: config.positionExitStream ? sdkPriceStreams(config.alpaca.dataStreamUrl) : undefined,
    });
    this.monitor.start();
    this.logger.info(`✅ Position exit monitor started with ${config.positionExitPollSeconds}s interval${config.positionExitStream ? '' : ' (poll only: POSITION_EXIT_STREAM=off)'}`);
  }

  // Before the application shuts down, so no cycle is still writing when the DataSource closes.
  async beforeApplicationShutdown(): Promise<void> {
    await this.monitor?.stop();
    if (this.monitor) this.logger.info('Position exit monitor stopped');
    this.monitor = undefined;
  }

  /** Whether the monitor runs (for tests and health reports). */
  get running(): boolean {
    return this.monitor !== undefined;
  }

  /** The user's market-data stream: its state ('connected' once subscribed) and symbols. */
  priceStream(userId: string) {
    return this.monitor?.priceStream(userId) ?? { state: undefined, symbols: [] };
  }
}
