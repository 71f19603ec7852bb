import { clientOrderId, type OrderSummary } from '../../libs/contracts';
import type { Broker } from '../../libs/broker/broker.port';
import type { ExecutionStore, RecordedDecision, StrategyRecord } from './execution-store.port';
import { placeOrderOnce } from './place-order-once';
import { awaitFinish, isFinished, type FillWait } from './unit/await-fill';
import { placeUnit, unitFailureReason } from './unit/place-unit';

export interface PlacedOrders {
  /** Every order sent, in the order sent: the legs, then any unwinding orders. */
  orders: OrderSummary[];
  /** Set when a unit failed and was unwound: the run's hold reason. */
  unitFailure?: string;
}

interface DecisionRun {
  strategy: StrategyRecord;
  runNumber: number;
  decision: RecordedDecision;
  wait: FillWait;
}

/**
 * Sends a recorded decision's orders: 'each' one after another, independently, a sell finished
 * before the next order (a refusal fails the run); 'unit' as one all-or-nothing unit, whose failure makes the run a hold rather than an
 * error, so Temporal does not retry it into a second unit.
 */
export async function placeDecisionOrders(store: ExecutionStore, broker: Broker, run: DecisionRun): Promise<PlacedOrders> {
  const { strategy, runNumber, decision } = run;
  if (decision.placement !== 'unit') return { orders: await placeEach(store, broker, run) };
  const owner = { userId: strategy.userId, strategyId: strategy.id, runNumber };
  const recordFailure = (unitFailure: NonNullable<RecordedDecision['unitFailure']>) => store.recordDecision(strategy.id, runNumber, { ...decision, unitFailure });
  const outcome = await placeUnit({ store, broker, wait: run.wait, recordFailure }, { ...owner, legs: decision.orders, failure: decision.unitFailure });
  if (!outcome.failure) return { orders: outcome.orders };
  return { orders: outcome.orders, unitFailure: unitFailureReason(strategy.type, decision.orders.length, { ...outcome, failure: outcome.failure }) };
}

/**
 * 'each': the risk check let a later buy spend what an earlier sell raises, and a broker credits
 * the proceeds only once the sell fills, so each sell is waited for (up to `wait`) before the next
 * order goes. One still working then is left working, not canceled: unlike a unit's leg, it stands
 * on its own. Buys are not waited for.
 */
async function placeEach(store: ExecutionStore, broker: Broker, run: DecisionRun): Promise<OrderSummary[]> {
  const { strategy, runNumber, decision } = run;
  const orders: OrderSummary[] = [];
  for (const [leg, intent] of decision.orders.entries()) {
    const cid = clientOrderId(strategy.id, runNumber, leg);
    let summary = await placeOrderOnce(store, broker, { userId: strategy.userId, strategyId: strategy.id, runNumber, clientOrderId: cid, intent });
    const more = leg < decision.orders.length - 1;
    if (more && intent.side === 'sell' && summary.broker_order_id && !isFinished(summary.status)) {
      summary = await store.applyBrokerOrder(cid, await awaitFinish(broker, summary.broker_order_id, run.wait));
    }
    orders.push(summary);
  }
  return orders;
}
