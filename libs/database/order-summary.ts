import type { OrderSummary } from '../contracts';
import type { BotOrder } from './entities/bot-order.entity';

/** A bot_orders row in the API's and the execution result's snake_case shape. */
export function toOrderSummary(order: BotOrder): OrderSummary {
  return {
    id: order.id,
    client_order_id: order.clientOrderId,
    broker_order_id: order.brokerOrderId,
    symbol: order.symbol,
    side: order.side,
    type: order.type === 'limit' ? 'limit' : 'market',
    qty: order.qty,
    notional: order.notional,
    limit_price: order.limitPrice,
    status: order.status,
    filled_qty: order.filledQty,
    filled_avg_price: order.filledAvgPrice,
  };
}
