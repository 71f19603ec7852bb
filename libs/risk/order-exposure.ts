import type { OrderIntent } from '../contracts';

/** One order of a batch, with the position it would leave behind once it fills. */
export interface OrderExposure {
  order: OrderIntent;
  /** USD per unit the order trades at: its limit price, else the latest price. */
  price: number;
  /** Units, positive. */
  qty: number;
  /** USD. */
  notional: number;
  /** Signed units held before and after the fill (negative = short). */
  qtyBefore: number;
  qtyAfter: number;
  /** Units by which the position grows away from flat: 0 for an order that only reduces it. */
  increase: number;
  /** USD bought minus USD sold by the batch's orders up to and including this one, in fill order. */
  netNotionalAfter: number;
}

// Quantities carry up to 9 decimals; closer than this they are the same.
const EPSILON = 1e-9;

export function orderPrice(order: OrderIntent, latestPrice: number): number {
  return order.limitPrice ?? latestPrice;
}

/** Units of a qty order, or what a notional order buys at the latest price (0 when there is no price). */
export function orderQty(order: OrderIntent, latestPrice: number): number {
  if (order.qty !== undefined) return order.qty;
  const price = orderPrice(order, latestPrice);
  return price > 0 ? (order.notional ?? 0) / price : 0;
}

/** USD. */
export function orderNotional(order: OrderIntent, latestPrice: number): number {
  return order.notional ?? (order.qty ?? 0) * orderPrice(order, latestPrice);
}

/** Units by which |position| grows when it goes from `before` to `after`; flipping sides counts the new side whole. */
function growth(before: number, after: number): number {
  if (Math.abs(after) <= EPSILON) return 0;
  if (Math.abs(before) <= EPSILON || Math.sign(before) === Math.sign(after)) return Math.max(0, Math.abs(after) - Math.abs(before));
  return Math.abs(after);
}

/**
 * The position each order of a batch would leave, in the order the market would fill them: market
 * orders at once, then limit buys from the highest price down (the price must fall through them)
 * and limit sells from the lowest up. Buys and sells resting on either side of the price cannot
 * both fill on one move, so each side starts from the position the market orders leave; valuing
 * each order's position at its own price is what it would be worth at the moment it fills.
 */
export function projectExposures(startQty: number, orders: readonly OrderIntent[], latestPrice: number): OrderExposure[] {
  const exposures: OrderExposure[] = [];
  const walk = (from: { qty: number; net: number }, batch: readonly OrderIntent[]) => {
    let { qty: held, net } = from;
    for (const order of batch) {
      const qty = orderQty(order, latestPrice);
      const notional = orderNotional(order, latestPrice);
      const after = held + (order.side === 'buy' ? qty : -qty);
      net += order.side === 'buy' ? notional : -notional;
      exposures.push({ order, price: orderPrice(order, latestPrice), qty, notional, qtyBefore: held, qtyAfter: after, increase: growth(held, after), netNotionalAfter: net });
      held = after;
    }
    return { qty: held, net };
  };
  const resting = orders.filter((order) => order.type !== 'market');
  const baseline = walk({ qty: startQty, net: 0 }, orders.filter((order) => order.type === 'market'));
  walk(baseline, resting.filter((o) => o.side === 'buy').sort((a, b) => orderPrice(b, latestPrice) - orderPrice(a, latestPrice)));
  walk(baseline, resting.filter((o) => o.side === 'sell').sort((a, b) => orderPrice(a, latestPrice) - orderPrice(b, latestPrice)));
  return exposures;
}

/** True when some order of the batch opens or grows a position (rather than only reducing one). */
export function opensExposure(startQty: number, orders: readonly OrderIntent[], latestPrice: number): boolean {
  return projectExposures(startQty, orders, latestPrice).some((exposure) => exposure.increase > EPSILON);
}
