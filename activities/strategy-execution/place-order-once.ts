import type { OrderIntent, OrderSummary } from '../../libs/contracts';
import type { Broker } from '../../libs/broker/broker.port';
import { InsufficientBuyingPowerError, OrderRejectedError } from '../../libs/broker/broker.errors';
import type { ExecutionStore } from './execution-store.port';

export interface OrderToPlace {
  userId: string;
  strategyId: string;
  runNumber: number;
  clientOrderId: string;
  intent: OrderIntent;
}

/**
 * Sends an order at most once, however often it is called: the bot_orders row is written first,
 * and the broker is asked for the client_order_id before anything is placed, so a retry after a
 * crash or a timeout adopts the order that already went out instead of sending another.
 */
export async function placeOrderOnce(store: ExecutionStore, broker: Broker, order: OrderToPlace): Promise<OrderSummary> {
  const recorded = (await store.findOrder(order.clientOrderId)) ?? (await store.insertPendingOrder(order));
  if (recorded.broker_order_id) return recorded;

  const existing = await broker.findOrderByClientOrderId(order.clientOrderId);
  if (existing) return store.applyBrokerOrder(order.clientOrderId, existing);

  try {
    const placed = await broker.placeOrder({ clientOrderId: order.clientOrderId, ...order.intent });
    return await store.applyBrokerOrder(order.clientOrderId, placed);
  } catch (err) {
    if (err instanceof OrderRejectedError) {
      // A concurrent attempt may have placed it between our lookup and our send.
      const raced = await broker.findOrderByClientOrderId(order.clientOrderId);
      if (raced) return store.applyBrokerOrder(order.clientOrderId, raced);
    }
    if (err instanceof OrderRejectedError || err instanceof InsufficientBuyingPowerError) {
      await store.markOrderRejected(order.clientOrderId, err.message);
    }
    throw err;
  }
}
