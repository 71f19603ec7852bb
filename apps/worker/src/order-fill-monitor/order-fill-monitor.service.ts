import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../../libs/config';
import { subscribeTradeUpdates } from '../../../../libs/broker/trade-updates-stream';
import { loadBrokerCredentials } from '../../../../libs/broker-accounts/load-broker-credentials';
import { APP_CONFIG } from '../../../../libs/engine/config/app-config.token';
import { createLogger } from '../../../../libs/engine/logger/create-logger';
import { applyBrokerOrderUpdate } from '../../../../libs/order-fills/apply-broker-order-update';
import type { FillSignaller } from '../../../../libs/order-fills/fill-signaller.port';
import { brokerFactory } from '../temporal/broker-factory';
import { OrderFillMonitor } from './order-fill-monitor';
import { TypeormFillMonitorSource } from './typeorm-fill-monitor-source';

/** Where the monitor sends grid fills; the worker module binds the Temporal signaller. */
export const FILL_SIGNALLER = Symbol('FillSignaller');

/** Hosts the order-fill monitor in the worker process. */
@Injectable()
export class OrderFillMonitorService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = createLogger('order-fills');
  private monitor?: OrderFillMonitor;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    @Inject(FILL_SIGNALLER) private readonly signaller: FillSignaller,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.disableBackgroundServices) {
      this.logger.info('⏸️ Order fill monitor not started: DISABLE_BACKGROUND_SERVICES=true');
      return;
    }
    if (!this.config.enableOrderFillMonitor) {
      this.logger.warn('⏸️ Order fill monitor not started: ENABLE_ORDER_FILL_MONITOR=false (grid strategies will not counter their fills)');
      return;
    }
    const { config, dataSource } = this;
    this.monitor = new OrderFillMonitor({
      source: new TypeormFillMonitorSource(dataSource),
      applyUpdate: (update) => applyBrokerOrderUpdate(dataSource, update),
      signaller: this.signaller,
      loadCredentials: (userId) => loadBrokerCredentials(dataSource, userId, config.encryptionKey, new Date()),
      brokerFor: brokerFactory(config),
      openStream: (credentials, handlers) => subscribeTradeUpdates(credentials, { streamUrl: config.alpaca.streamUrl }, handlers),
      logger: this.logger,
      pollIntervalMs: config.orderFillPollSeconds * 1000,
      streaming: config.orderFillStream,
    });
    this.monitor.start();
    this.logger.info(`✅ Order fill monitor started with ${config.orderFillPollSeconds}s interval${config.orderFillStream ? '' : ' (poll only: ORDER_FILL_STREAM=off)'}`);
  }

  // Before the application shuts down, so no cycle is still writing when the DataSource closes.
  async beforeApplicationShutdown(): Promise<void> {
    await this.monitor?.stop();
    if (this.monitor) this.logger.info('Order fill monitor stopped');
    this.monitor = undefined;
  }

  /** The user's trade_updates stream state ('connected' once it listens); undefined when none is held. */
  streamState(userId: string) {
    return this.monitor?.streamState(userId);
  }
}
