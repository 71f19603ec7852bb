import type { OrderSide } from '../../contracts';
import { CRYPTO_QTY_DECIMALS, floorTo } from '../order-sizing';
import { formatUsd } from '../reason-format';
import type { GridFill, GridLevelView, GridOrder, GridOrderRole, GridReaction, RoundTripProfit } from './grid-logic';

// Building blocks every grid type shares: order shapes, quantities, money and wording.

/** Whole shares for equities (grid orders are gtc limits, which Alpaca takes only in whole shares). */
export function qtyDecimals(isCrypto: boolean): number {
  return isCrypto ? CRYPTO_QTY_DECIMALS : 0;
}

export function floorQty(qty: number, isCrypto: boolean): number {
  return qty > 0 ? floorTo(qty, qtyDecimals(isCrypto)) : 0;
}

export function unitName(isCrypto: boolean): string {
  return isCrypto ? 'unit' : 'share';
}

export function unitsName(isCrypto: boolean): string {
  return isCrypto ? 'units' : 'shares';
}

export function limitOrder(symbol: string, side: OrderSide, level: number, price: number, qty: number, role: GridOrderRole, reason: string): GridOrder {
  return { symbol, side, type: 'limit', timeInForce: 'gtc', qty, limitPrice: price, level, role, reason };
}

/** Equities trade in sessions (day); Alpaca accepts only gtc or ioc for crypto, which trades 24/7. */
export function marketOrder(symbol: string, side: OrderSide, level: number, qty: number, isCrypto: boolean, role: GridOrderRole, reason: string): GridOrder {
  return { symbol, side, type: 'market', timeInForce: isCrypto ? 'gtc' : 'day', qty, level, role, reason };
}

export function noReaction(reason: string): GridReaction {
  return { orders: [], cancelOtherOpenOrders: false, reason };
}

/** USD rounded to 1e-6 to drop float noise; `+ 0` turns a rounded -0 into 0 so break-even never reads "-0". */
export function roundMicro(value: number): number {
  return Math.round(value * 1e6) / 1e6 + 0;
}

/** A long grid's round trip: a buy answered by a sell; profit in USD. */
export function longRoundTripProfit(opening: { side: OrderSide; price: number }, closing: { side: OrderSide; price: number; qty: number }): RoundTripProfit | null {
  return opening.side === 'buy' && closing.side === 'sell' ? { usd: roundMicro((closing.price - opening.price) * closing.qty), units: 0 } : null;
}

export function ladderView(levels: readonly number[], firstLevel = 0): GridLevelView[] {
  return levels.map((price, index) => ({ level: firstLevel + index, price }));
}

/** Index of the highest level at or below `price`; -1 when `price` is below every level. */
export function levelAtOrBelow(levels: readonly number[], price: number): number {
  let found = -1;
  levels.forEach((levelPrice, index) => {
    if (levelPrice <= price) found = index;
  });
  return found;
}

/** A fill must name a level of the ladder and cover something; anything else is a bug upstream. */
export function assertFillOnLadder(fill: GridFill, levelCount: number = Number.POSITIVE_INFINITY): void {
  if (!Number.isInteger(fill.level) || fill.level < 0 || fill.level >= levelCount) {
    const ladder = Number.isFinite(levelCount) ? `this ${levelCount}-level grid` : 'this grid';
    throw new RangeError(`fill level ${fill.level} is not a level of ${ladder}`);
  }
  if (!(fill.qty > 0)) throw new RangeError(`fill quantity must be greater than 0, got ${fill.qty}`);
}

/** The counter order of a bounded ladder: buys are answered one level up, sells one level down, with the other role. */
export function counterPlacement(fill: GridFill): { side: OrderSide; level: number; role: GridOrderRole } {
  return fill.side === 'buy'
    ? { side: 'sell', level: fill.level + 1, role: fill.role === 'open' ? 'close' : 'open' }
    : { side: 'buy', level: fill.level - 1, role: fill.role === 'open' ? 'close' : 'open' };
}

/** USD every order commits, each rounded up to the cent; market orders are valued at `marketPrice`. */
export function requiredUsd(orders: readonly GridOrder[], marketPrice: number): number {
  const cents = orders.reduce((sum, order) => sum + Math.ceil(order.qty * (order.limitPrice ?? marketPrice) * 100 - 1e-6), 0);
  return cents / 100;
}

/** The buying-power error, or null when `buyingPower` covers `required`. `what` names the orders ("3 buy orders"). */
export function buyingPowerShortfall(what: string, required: number, buyingPower: number): string | null {
  if (buyingPower >= required) return null;
  return (
    `insufficient buying power for the whole grid: ${what} need ${formatUsd(required)}, ` +
    `buying power is ${formatUsd(buyingPower)} (${formatUsd(required - buyingPower)} missing)`
  );
}

/** "3 buy orders", "1 sell order" */
export function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
