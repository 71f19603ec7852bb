import type { ExecutionResult, ExecutionTrigger, OrderIntent, OrderSummary } from '../../libs/contracts';
import type { BrokerOrder } from '../../libs/broker/broker.port';
import type { RecordedRiskRejection } from './risk/risk-gate';
import type { UnitFailure } from './unit/place-unit';

export interface StrategyRecord {
  id: string;
  userId: string;
  name: string;
  type: string;
  isActive: boolean;
  configuration: Record<string, unknown>;
  state: Record<string, unknown>;
}

/** A strategy's decision, recorded before any order is sent so a retried run acts on it again. */
export interface RecordedDecision {
  action: 'buy' | 'sell' | 'hold';
  reason: string;
  orders: OrderIntent[];
  nextState: Record<string, unknown>;
  /** How `orders` go out (the strategy's Decision.placement); 'each' when absent. */
  placement?: 'each' | 'unit';
  /** Set when the risk validator refused the strategy's orders: the run holds instead. */
  risk?: RecordedRiskRejection;
  /** Set once a unit's leg has failed, before its filled legs are unwound: a retry sends no further leg. */
  unitFailure?: UnitFailure;
}

export interface ExecutionRecord {
  status: 'running' | 'succeeded' | 'failed';
  result?: ExecutionResult;
  decision?: RecordedDecision;
}

export interface PendingOrder {
  userId: string;
  strategyId: string;
  runNumber: number;
  clientOrderId: string;
  intent: OrderIntent;
}

/**
 * Persistence the execution activity needs, kept behind a port so the activity's idempotency
 * rules can be tested without a database.
 */
export interface ExecutionStore {
  loadStrategy(strategyId: string): Promise<StrategyRecord | undefined>;
  findExecution(strategyId: string, runNumber: number): Promise<ExecutionRecord | undefined>;
  /** Creates the run's row, or counts one more attempt on it. */
  beginExecution(run: { strategyId: string; userId: string; runNumber: number; trigger: ExecutionTrigger }): Promise<void>;
  recordDecision(strategyId: string, runNumber: number, decision: RecordedDecision): Promise<void>;
  /** Records the result and the strategy's next state in one transaction. */
  finishExecution(run: {
    strategyId: string;
    runNumber: number;
    result: ExecutionResult;
    nextState: Record<string, unknown>;
    orderId?: string;
  }): Promise<void>;
  failExecution(run: { strategyId: string; runNumber: number; error: string }): Promise<void>;
  findOrder(clientOrderId: string): Promise<OrderSummary | undefined>;
  /** Inserts the order as `pending` before it is sent, so a crash mid-send leaves a trace. */
  insertPendingOrder(order: PendingOrder): Promise<OrderSummary>;
  applyBrokerOrder(clientOrderId: string, brokerOrder: BrokerOrder): Promise<OrderSummary>;
  markOrderRejected(clientOrderId: string, reason: string): Promise<void>;
}
