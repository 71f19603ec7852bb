import type { BrokerOrder } from '../../../../libs/broker/broker.port';
import type { StrategyWorkflowClient } from '../../../../libs/scheduling/strategy-workflow-client';
import type { TerminatedRun } from '../../../../libs/scheduling/termination-records';

export interface StoppedStrategy {
  id: string;
  userId: string;
}

/** A bot_orders row the broker may still fill. */
export interface OpenBotOrder {
  brokerOrderId: string;
  symbol: string;
}

/** Who pressed stop, recorded with every strategy it stops. */
export interface StopAudit {
  by: 'user' | 'admin';
  actorUserId: string;
  flatten: boolean;
}

/** The emergency stop's reads and writes of the database. */
export interface EmergencyStore {
  /**
   * Makes every active strategy inactive (one user's, or everyone's without userId) and records an
   * emergency_stop risk event for each, in one transaction. Returns the strategies it changed.
   */
  deactivateActive(scope: { userId?: string }, audit: StopAudit): Promise<StoppedStrategy[]>;
  /** Ids of all the user's strategies, active or not. */
  strategyIdsOf(userId: string): Promise<string[]>;
  /** Users who own at least one strategy. */
  usersWithStrategies(): Promise<string[]>;
  openOrders(strategyIds: string[]): Promise<OpenBotOrder[]>;
  /** Symbols the strategies sent orders for. */
  tradedSymbols(strategyIds: string[]): Promise<string[]>;
  /** Records the broker's view of one of our orders (status, a fill that slipped in before the cancel). */
  recordBrokerOrder(order: BrokerOrder): Promise<void>;
  recordTerminatedRun(run: TerminatedRun): Promise<void>;
}

export type EmergencyWorkflows = Pick<StrategyWorkflowClient, 'listRunning' | 'stop' | 'isRunning' | 'terminate' | 'latestRun'>;
