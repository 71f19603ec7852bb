import { clientOrderId, type OrderSummary } from '../../libs/contracts';
import type { Broker } from '../../libs/broker/broker.port';
import type { ExecutionStore, RecordedDecision, StrategyRecord } from './execution-store.port';
import { placeOrderOnce } from './place-order-once';
import type { FillWait } from './unit/await-fill';
import { placeUnit, unitFailureReason } from './unit/place-unit';

export interface PlacedOrders {
  /** Every order sent, in the order sent: the legs, then any unwinding orders. */
  orders: OrderSummary[];
  /** Set when a unit failed and was unwound: the run's hold reason. */
  unitFailure?: string;
}

/**
 * Sends a recorded decision's orders: 'each' one after another, independently (a refusal fails
 * the run); 'unit' as one all-or-nothing unit, whose failure makes the run a hold rather than an
 * error, so Temporal does not retry it into a second unit.
 */
export async function placeDecisionOrders(
  store: ExecutionStore,
  broker: Broker,
  run: { strategy: StrategyRecord; runNumber: number; decision: RecordedDecision; wait: FillWait },
): Promise<PlacedOrders> {
  const { strategy, runNumber, decision } = run;
  const owner = { userId: strategy.userId, strategyId: strategy.id, runNumber };
  if (decision.placement !== 'unit') {
    const orders: OrderSummary[] = [];
    for (const [leg, intent] of decision.orders.entries()) {
      orders.push(await placeOrderOnce(store, broker, { ...owner, clientOrderId: clientOrderId(strategy.id, runNumber, leg), intent }));
    }
    return { orders };
  }
  const recordFailure = (unitFailure: NonNullable<RecordedDecision['unitFailure']>) => store.recordDecision(strategy.id, runNumber, { ...decision, unitFailure });
  const outcome = await placeUnit({ store, broker, wait: run.wait, recordFailure }, { ...owner, legs: decision.orders, failure: decision.unitFailure });
  if (!outcome.failure) return { orders: outcome.orders };
  return { orders: outcome.orders, unitFailure: unitFailureReason(strategy.type, decision.orders.length, { ...outcome, failure: outcome.failure }) };
}
