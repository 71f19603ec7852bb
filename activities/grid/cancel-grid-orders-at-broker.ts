import type { Broker, BrokerOrder } from '../../libs/broker/broker.port';
import { BrokerNotFoundError, OrderRejectedError } from '../../libs/broker/broker.errors';

/**
 * Cancels every open order of the grid at the broker (found by its `ag-<strategy>-` client order
 * ids, so orders the database lost track of go too) and hands each one's final state to `record`,
 * so a fill that slipped in before the cancel is still recorded. Returns how many were cancelled.
 * A grid's resting sells would otherwise hold the units the exit must sell, and its buys would
 * reopen the position the exit closes.
 */
export async function cancelGridOrdersAtBroker(broker: Broker, strategyId: string, record: (order: BrokerOrder) => Promise<unknown>): Promise<number> {
  const prefix = `ag-${strategyId.replace(/-/g, '')}-`;
  let cancelled = 0;
  for (const order of await broker.listOrders('open')) {
    if (!order.clientOrderId.startsWith(prefix)) continue;
    try {
      await broker.cancelOrder(order.id);
      cancelled += 1;
    } catch (err) {
      // Filled or closed meanwhile: nothing to cancel, and the record below says which.
      if (!(err instanceof OrderRejectedError || err instanceof BrokerNotFoundError)) throw err;
    }
    await record(await broker.getOrder(order.id));
  }
  return cancelled;
}
