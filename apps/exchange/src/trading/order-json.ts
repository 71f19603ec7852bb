import type { OrderRecord } from '../store/records';
import { formatDecimal } from './decimal';

const decimalOrNull = (value: number | null): string | null => (value === null ? null : formatDecimal(value));

/** An order in Alpaca's JSON shape (snake_case, amounts as strings). */
export function toOrderJson(order: OrderRecord): Record<string, unknown> {
  return {
    id: order.id,
    client_order_id: order.clientOrderId,
    created_at: order.createdAt,
    updated_at: order.updatedAt,
    submitted_at: order.submittedAt,
    filled_at: order.filledAt,
    expired_at: order.expiredAt,
    canceled_at: order.canceledAt,
    failed_at: null,
    replaced_at: null,
    replaced_by: null,
    replaces: null,
    asset_id: order.assetId,
    symbol: order.symbol,
    asset_class: order.assetClass,
    notional: decimalOrNull(order.notional),
    qty: decimalOrNull(order.qty),
    filled_qty: formatDecimal(order.filledQty),
    filled_avg_price: decimalOrNull(order.filledAvgPrice),
    order_class: '',
    order_type: order.type,
    type: order.type,
    side: order.side,
    position_intent: order.positionIntent ?? (order.side === 'buy' ? 'buy_to_open' : 'sell_to_close'),
    time_in_force: order.timeInForce,
    limit_price: decimalOrNull(order.limitPrice),
    stop_price: null,
    status: order.status,
    extended_hours: false,
    legs: null,
    trail_percent: null,
    trail_price: null,
    hwm: null,
    expires_at: order.expiresAtMs === null ? null : new Date(order.expiresAtMs).toISOString(),
  };
}
