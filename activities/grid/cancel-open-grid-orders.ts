import type { Broker } from '../../libs/broker/broker.port';
import { BrokerNotFoundError, OrderRejectedError } from '../../libs/broker/broker.errors';
import type { GridActivityDeps } from './grid-activity.deps';

/**
 * Cancels the grid's open orders at the broker (all, or all but one) and records what the broker
 * then says about each, so a fill that slipped in before the cancel is still recorded and answered.
 * Returns how many were cancelled.
 */
export async function cancelOpenGridOrders(deps: GridActivityDeps, broker: Broker, strategyId: string, options: { except?: string } = {}): Promise<number> {
  let cancelled = 0;
  for (const row of await deps.orders.open(strategyId)) {
    if (row.id === options.except || !row.brokerOrderId) continue;
    try {
      await broker.cancelOrder(row.brokerOrderId);
      cancelled += 1;
    } catch (err) {
      // Already filled or already closed: nothing to cancel, and the record below says which.
      if (!(err instanceof OrderRejectedError || err instanceof BrokerNotFoundError)) throw err;
    }
    await deps.recordBrokerOrder(await broker.getOrder(row.brokerOrderId));
  }
  return cancelled;
}
