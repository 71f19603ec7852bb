import { BrokerNotFoundError, OrderRejectedError } from '../../../../libs/broker/broker.errors';
import type { Broker, BrokerOrder } from '../../../../libs/broker/broker.port';
import { forEachConcurrent } from './for-each-concurrent';
import { orderPrefixesOf, reportFailure, type UserStopContext } from './user-stop-context';

const CANCEL_CONCURRENCY = 4;
const CANCELLED: ReadonlyArray<BrokerOrder['status']> = ['canceled', 'pending_cancel'];

/**
 * The strategies' orders the broker may still fill: the open bot_orders rows with a broker id,
 * and any open order at the broker carrying one of the strategies' client_order_id prefixes
 * (an order sent but never recorded as acknowledged). Broker order ids.
 */
export async function openStrategyOrders(ctx: UserStopContext & { broker: Broker }, strategyIds: string[]): Promise<string[]> {
  const ids = new Set((await ctx.store.openOrders(strategyIds)).map((o) => o.brokerOrderId));
  for (const id of await ordersAtBrokerWithPrefixes(ctx, strategyIds)) ids.add(id);
  return [...ids];
}

/** Open orders at the broker whose client_order_id says they belong to one of the strategies. */
export async function ordersAtBrokerWithPrefixes(ctx: UserStopContext & { broker: Broker }, strategyIds: string[]): Promise<string[]> {
  if (strategyIds.length === 0) return [];
  const prefixes = orderPrefixesOf(strategyIds);
  try {
    const open = await ctx.broker.listOrders('open');
    return open.filter((o) => prefixes.some((p) => o.clientOrderId.startsWith(p))).map((o) => o.id);
  } catch (err) {
    reportFailure(ctx, 'broker', ctx.userId, err);
    return [];
  }
}

/**
 * Cancels each order; one failing does not hold back the others. Counts the orders that are
 * cancelled afterwards, also those a grid workflow's own clean-up cancelled first (the broker
 * then refuses our cancel), but not those that filled. The broker's final word on each is
 * recorded, so a fill that slipped in before the cancel is not lost.
 */
export async function cancelStrategyOrders(ctx: UserStopContext & { broker: Broker }, brokerOrderIds: string[]): Promise<number> {
  let cancelled = 0;
  await forEachConcurrent(brokerOrderIds, CANCEL_CONCURRENCY, async (orderId) => {
    let accepted = false;
    try {
      await ctx.broker.cancelOrder(orderId);
      accepted = true;
    } catch (err) {
      // Refused: already filled or closed; what it is now is asked below. Anything else is a failure.
      if (err instanceof BrokerNotFoundError) return;
      if (!(err instanceof OrderRejectedError)) return reportFailure(ctx, 'cancel_order', orderId, err);
    }
    try {
      const order = await ctx.broker.getOrder(orderId);
      await ctx.store.recordBrokerOrder(order);
      if (accepted || CANCELLED.includes(order.status)) cancelled += 1;
    } catch (err) {
      if (accepted) cancelled += 1;
      ctx.logger.warn({ user_id: ctx.userId, broker_order_id: orderId }, `Emergency stop: could not record order ${orderId} after its cancel: ${(err as Error).message}`);
    }
  });
  return cancelled;
}
