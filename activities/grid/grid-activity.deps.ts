import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { OrderFillEvent } from '../../libs/contracts';
import type { Broker, BrokerCredentials, BrokerOrder } from '../../libs/broker/broker.port';
import type { ExecutionStore } from '../strategy-execution/execution-store.port';
import type { RiskStore } from '../strategy-execution/risk/risk-store.port';
import type { GridOrderStore } from './grid-order-store';

export interface GridActivityDeps {
  dataSource: DataSource;
  store: ExecutionStore;
  orders: GridOrderStore;
  /** What the risk validator reads (open orders, fills, P/L, stop-losses, user limits) and writes (risk events). */
  riskStore: RiskStore;
  loadCredentials(userId: string): Promise<BrokerCredentials>;
  brokerFor(credentials: BrokerCredentials): Broker;
  /**
   * The fill handler the order-fill monitor uses: records what the broker says about one of our
   * orders (status, fills, trades) and returns the fill event when the order's fill still needs an answer.
   */
  recordBrokerOrder(order: BrokerOrder): Promise<OrderFillEvent | undefined>;
  logger: Logger;
  now(): Date;
}
