import type { OrderIntent } from '../contracts';
import type { BotOrder } from './entities/bot-order.entity';

/**
 * The bot_orders row of an order recorded before it is sent (status `pending`, nothing filled):
 * every order path writes it first, so a crash mid-send leaves a trace the next attempt adopts.
 */
export function pendingOrderRow(order: {
  userId: string;
  strategyId: string;
  clientOrderId: string;
  intent: OrderIntent;
  runNumber: number | null;
}): Partial<BotOrder> {
  const { intent } = order;
  return {
    userId: order.userId,
    strategyId: order.strategyId,
    runNumber: order.runNumber,
    clientOrderId: order.clientOrderId,
    symbol: intent.symbol,
    side: intent.side,
    type: intent.type,
    timeInForce: intent.timeInForce,
    qty: intent.qty ?? null,
    notional: intent.notional ?? null,
    limitPrice: intent.limitPrice ?? null,
    status: 'pending',
    filledQty: 0,
    counteredQty: 0,
  };
}

/** The order a bot_orders row records, as the intent that is (or was) sent to the broker. */
export function orderIntentOf(row: Pick<BotOrder, 'symbol' | 'side' | 'type' | 'timeInForce' | 'qty' | 'notional' | 'limitPrice'>): OrderIntent {
  return {
    symbol: row.symbol,
    side: row.side,
    type: row.type === 'limit' ? 'limit' : 'market',
    timeInForce: row.timeInForce,
    ...(row.qty !== null ? { qty: row.qty } : {}),
    ...(row.notional !== null ? { notional: row.notional } : {}),
    ...(row.limitPrice !== null ? { limitPrice: row.limitPrice } : {}),
  };
}
