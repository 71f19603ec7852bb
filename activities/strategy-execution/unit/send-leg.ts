import type { OrderSummary } from '../../../libs/contracts';
import type { Broker } from '../../../libs/broker/broker.port';
import { InsufficientBuyingPowerError, OrderRejectedError } from '../../../libs/broker/broker.errors';
import { formatQty } from '../../../libs/strategies/reason-format';
import type { ExecutionStore } from '../execution-store.port';
import { placeOrderOnce, type OrderToPlace } from '../place-order-once';
import { awaitFill, type FillWait } from './await-fill';

export interface UnitDeps {
  store: ExecutionStore;
  broker: Broker;
  wait: FillWait;
}

export interface LegResult {
  /** Our record of the order; absent only if it was never recorded. */
  summary?: OrderSummary;
  /** Units the order filled (in part when it failed after a partial fill). */
  filledQty: number;
  /** Why the order did not fill, for the run's reason; undefined when it filled. */
  failure?: string;
}

/**
 * Sends one order of a unit and waits for it to fill. Safe to call again on a retried attempt:
 * the order is adopted by its client_order_id, one recorded as filled is not waited for again,
 * and one the broker rejected earlier is not sent again.
 */
export async function sendLeg(deps: UnitDeps, order: OrderToPlace): Promise<LegResult> {
  const { store, broker } = deps;
  const recorded = await store.findOrder(order.clientOrderId);
  if (recorded?.status === 'rejected') return { summary: recorded, filledQty: 0, failure: 'rejected by the broker' };

  let summary: OrderSummary;
  try {
    summary = await placeOrderOnce(store, broker, order);
  } catch (err) {
    if (!(err instanceof OrderRejectedError || err instanceof InsufficientBuyingPowerError)) throw err;
    return { summary: await store.findOrder(order.clientOrderId), filledQty: 0, failure: `rejected: ${err.message}` };
  }
  if (summary.status === 'filled') return { summary, filledQty: summary.filled_qty };

  const { order: final, timedOut } = await awaitFill(broker, summary.broker_order_id!, deps.wait);
  summary = await store.applyBrokerOrder(order.clientOrderId, final);
  if (final.status === 'filled') return { summary, filledQty: final.filledQty };
  const filled = final.filledQty > 0 ? ` after filling ${formatQty(final.filledQty)}` : '';
  const why = timedOut ? `not filled within ${deps.wait.timeoutMs / 1000} s, canceled${filled}` : `${final.status} by the broker${filled}`;
  return { summary, filledQty: final.filledQty, failure: why };
}
