import { Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { createAlpacaBroker } from '../../../../libs/broker/alpaca-broker';
import { loadBrokerCredentials } from '../../../../libs/broker-accounts/load-broker-credentials';
import type { AppConfig } from '../../../../libs/config';
import { InjectAppConfig } from '../../../../libs/engine/config/app-config.token';
import { createLogger } from '../../../../libs/engine/logger/create-logger';
import { StrategyWorkflowClient } from '../../../../libs/scheduling/strategy-workflow-client';
import { EmergencyStop } from './emergency-stop';
import type { EmergencyStopReport } from './emergency-stop.report';
import { TypeormEmergencyStore } from './typeorm-emergency-store';

// Budget (ms) of one broker request: the caller waits for the whole stop.
const BROKER_TIMEOUT_MS = 10_000;
const CLOSE_GRACE_MS = 3_000;
const CLOSE_POLL_MS = 100;
const SETTLE_MS = 1_500;

/** Wires the emergency stop to the database, Temporal and each user's broker connection. */
@Injectable()
export class EmergencyStopService {
  private readonly stop: EmergencyStop;

  constructor(dataSource: DataSource, client: Client, @InjectAppConfig() config: AppConfig) {
    const { tradingUrl, dataUrl, rateLimit } = config.alpaca;
    this.stop = new EmergencyStop({
      store: new TypeormEmergencyStore(dataSource),
      workflows: new StrategyWorkflowClient(client, config.temporal.taskQueue),
      brokerFor: async (userId) =>
        createAlpacaBroker(await loadBrokerCredentials(dataSource, userId, config.encryptionKey, new Date()), { tradingUrl, dataUrl }, {
          rateLimit,
          retry: false,
          timeoutMs: BROKER_TIMEOUT_MS,
        }),
      logger: createLogger('emergency'),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      now: () => Date.now(),
      closeGraceMs: CLOSE_GRACE_MS,
      pollMs: CLOSE_POLL_MS,
      settleMs: SETTLE_MS,
    });
  }

  stopUser(userId: string, flatten: boolean): Promise<EmergencyStopReport> {
    return this.stop.stopUser(userId, flatten);
  }

  stopEveryone(adminUserId: string, flatten: boolean): Promise<EmergencyStopReport & { users: number }> {
    return this.stop.stopEveryone(adminUserId, flatten);
  }
}
