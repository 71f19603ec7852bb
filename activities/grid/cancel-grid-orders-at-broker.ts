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
    if (order.clientOrderId.startsWith(prefix) && (await cancelAndRecord(broker, order.id, record))) cancelled += 1;
  }
  return cancelled;
}

/**
 * Cancels one order at the broker, then hands what the broker says about it to `record`. False
 * when it had filled or closed meanwhile: nothing to cancel, and the record says which.
 */
export async function cancelAndRecord(broker: Broker, brokerOrderId: string, record: (order: BrokerOrder) => Promise<unknown>): Promise<boolean> {
  let cancelled = true;
  try {
    await broker.cancelOrder(brokerOrderId);
  } catch (err) {
    if (!(err instanceof OrderRejectedError || err instanceof BrokerNotFoundError)) throw err;
    cancelled = false;
  }
  await record(await broker.getOrder(brokerOrderId));
  return cancelled;
}
