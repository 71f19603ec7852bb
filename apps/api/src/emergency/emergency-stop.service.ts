import { Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../../libs/config';
import { InjectAppConfig } from '../../../../libs/engine/config/app-config.token';
import { createLogger } from '../../../../libs/engine/logger/create-logger';
import { StrategyWorkflowClient } from '../../../../libs/scheduling/strategy-workflow-client';
import { UserBrokerService } from '../accounts/user-broker.service';
import { EmergencyStop } from './emergency-stop';
import type { EmergencyStopReport } from './emergency-stop.report';
import { TypeormEmergencyStore } from './typeorm-emergency-store';

const CLOSE_GRACE_MS = 3_000;
const CLOSE_POLL_MS = 100;
const SETTLE_MS = 1_500;

/** Wires the emergency stop to the database, Temporal and each user's broker connection. */
@Injectable()
export class EmergencyStopService {
  private readonly stop: EmergencyStop;

  constructor(dataSource: DataSource, client: Client, @InjectAppConfig() config: AppConfig, brokers: UserBrokerService) {
    this.stop = new EmergencyStop({
      store: new TypeormEmergencyStore(dataSource),
      workflows: new StrategyWorkflowClient(client, config.temporal.taskQueue),
      brokerFor: (userId) => brokers.brokerFor(userId),
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
