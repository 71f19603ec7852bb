import type { ExecutionResult, OrderSummary } from '../../../libs/contracts';
import type { BrokerOrder } from '../../../libs/broker/broker.port';
import type { ExecutionRecord, ExecutionStore, PendingOrder, RecordedDecision, StrategyRecord } from '../execution-store.port';

interface StoredExecution {
  status: ExecutionRecord['status'];
  attempts: number;
  decision?: RecordedDecision;
  result?: ExecutionResult;
  error?: string;
}

/** ExecutionStore in memory, for activity tests. */
export class InMemoryExecutionStore implements ExecutionStore {
  readonly strategies = new Map<string, StrategyRecord>();
  readonly executions = new Map<string, StoredExecution>();
  readonly orders = new Map<string, OrderSummary>();

  async loadStrategy(strategyId: string) {
    const found = this.strategies.get(strategyId);
    return found ? structuredClone(found) : undefined;
  }

  async findExecution(strategyId: string, runNumber: number): Promise<ExecutionRecord | undefined> {
    const run = this.executions.get(`${strategyId}#${runNumber}`);
    return run ? { status: run.status, result: run.status === 'succeeded' ? run.result : undefined, decision: run.decision } : undefined;
  }

  async beginExecution(run: { strategyId: string; runNumber: number }) {
    const key = `${run.strategyId}#${run.runNumber}`;
    const existing = this.executions.get(key);
    this.executions.set(key, { ...existing, status: 'running', attempts: (existing?.attempts ?? 0) + 1 });
  }

  async recordDecision(strategyId: string, runNumber: number, decision: RecordedDecision) {
    this.executions.get(`${strategyId}#${runNumber}`)!.decision = decision;
  }

  async finishExecution(run: { strategyId: string; runNumber: number; result: ExecutionResult; nextState: Record<string, unknown> }) {
    Object.assign(this.executions.get(`${run.strategyId}#${run.runNumber}`)!, { status: 'succeeded', result: run.result });
    this.strategies.get(run.strategyId)!.state = run.nextState;
  }

  async failExecution(run: { strategyId: string; runNumber: number; error: string }) {
    Object.assign(this.executions.get(`${run.strategyId}#${run.runNumber}`)!, { status: 'failed', error: run.error });
  }

  async findOrder(clientOrderId: string) {
    return this.orders.get(clientOrderId);
  }

  async insertPendingOrder(order: PendingOrder): Promise<OrderSummary> {
    const summary: OrderSummary = {
      id: `order-${this.orders.size + 1}`,
      client_order_id: order.clientOrderId,
      broker_order_id: null,
      symbol: order.intent.symbol,
      side: order.intent.side,
      type: order.intent.type,
      qty: order.intent.qty ?? null,
      notional: order.intent.notional ?? null,
      limit_price: order.intent.limitPrice ?? null,
      status: 'pending',
      filled_qty: 0,
      filled_avg_price: null,
    };
    this.orders.set(order.clientOrderId, summary);
    return summary;
  }

  async applyBrokerOrder(clientOrderId: string, brokerOrder: BrokerOrder) {
    const summary = this.orders.get(clientOrderId)!;
    Object.assign(summary, { broker_order_id: brokerOrder.id, status: brokerOrder.status, filled_qty: brokerOrder.filledQty, filled_avg_price: brokerOrder.filledAvgPrice });
    return summary;
  }

  async markOrderRejected(clientOrderId: string) {
    this.orders.get(clientOrderId)!.status = 'rejected';
  }
}
