import type { Broker } from '../../libs/broker/broker.port';
import type { GridActivityDeps } from './grid-activity.deps';
import { cancelAndRecord } from './cancel-grid-orders-at-broker';

/**
 * Cancels the grid's open orders at the broker (all, or all but one) and records what the broker
 * then says about each, so a fill that slipped in before the cancel is still recorded and answered.
 * Returns how many were cancelled.
 */
export async function cancelOpenGridOrders(deps: GridActivityDeps, broker: Broker, strategyId: string, options: { except?: string } = {}): Promise<number> {
  let cancelled = 0;
  for (const row of await deps.orders.open(strategyId)) {
    if (row.id === options.except || !row.brokerOrderId) continue;
    if (await cancelAndRecord(broker, row.brokerOrderId, deps.recordBrokerOrder)) cancelled += 1;
  }
  return cancelled;
}
