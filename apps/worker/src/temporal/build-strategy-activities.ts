import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../../../../libs/config';
import { applyBrokerOrderUpdate } from '../../../../libs/order-fills';
import { createGridActivities } from '../../../../activities/grid/grid.activities';
import { GridOrderStore } from '../../../../activities/grid/grid-order-store';
import { createStrategyActivities } from '../../../../activities/strategy-execution/strategy.activities';
import { TypeormExecutionStore } from '../../../../activities/strategy-execution/typeorm-execution-store';
import { TypeormRiskStore } from '../../../../activities/strategy-execution/risk/typeorm-risk-store';
import { loadBrokerCredentials } from '../../../../libs/broker-accounts/load-broker-credentials';
import { brokerFactory } from './broker-factory';

/** Wires the interval and grid strategy activities to the real database, broker and clock. */
export function buildStrategyActivities(dataSource: DataSource, config: AppConfig, logger: Logger) {
  const store = new TypeormExecutionStore(dataSource);
  const shared = {
    store,
    riskStore: new TypeormRiskStore(dataSource),
    loadCredentials: (userId: string) => loadBrokerCredentials(dataSource, userId, config.encryptionKey, new Date()),
    brokerFor: brokerFactory(config),
    logger,
    now: () => new Date(),
  };
  return {
    ...createStrategyActivities(shared),
    ...createGridActivities({
      ...shared,
      dataSource,
      orders: new GridOrderStore(dataSource),
      recordBrokerOrder: async (order) => (await applyBrokerOrderUpdate(dataSource, { order }))?.fillEvent,
    }),
  };
}

export type WorkerActivities = ReturnType<typeof buildStrategyActivities>;
