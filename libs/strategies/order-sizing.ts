import type { TimeInForce } from '../contracts';

/** Alpaca's crypto quantities go to 9 decimals; 6 keeps orders well inside every pair's increment. */
export const CRYPTO_QTY_DECIMALS = 6;

/** Alpaca's smallest notional (fractional) order, USD. */
export const MIN_NOTIONAL_USD = 1;

/** Alpaca spells crypto pairs with a slash (BTC/USD); equities never contain one. */
export function isCryptoSymbol(symbol: string): boolean {
  return symbol.includes('/');
}

/** Equities trade in sessions (day); Alpaca accepts only gtc or ioc for crypto, which trades 24/7. */
export function timeInForceFor(symbol: string): TimeInForce {
  return isCryptoSymbol(symbol) ? 'gtc' : 'day';
}

/**
 * Rounds down to `decimals` places. Goes through a 9-decimal string first so binary noise
 * (0.3 / 0.1 = 2.9999999999999996) does not lose a whole unit.
 */
export function floorTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.floor(Number((value * factor).toFixed(9 - Math.min(decimals, 8)))) / factor;
}

/**
 * Units of `symbol` that `budgetUsd` buys at `price`, rounded down: whole shares for equities,
 * 1e-6 of a coin for crypto. 0 when the budget buys less than one unit.
 */
export function affordableQty(budgetUsd: number, price: number, symbol: string): number {
  if (!(price > 0) || !(budgetUsd > 0)) return 0;
  return floorTo(budgetUsd / price, isCryptoSymbol(symbol) ? CRYPTO_QTY_DECIMALS : 0);
}

/** USD one entry may spend: allocated_capital x position_size_pct. */
export function entryBudget(config: { allocated_capital: number; position_size_pct: number }): number {
  return (config.allocated_capital * config.position_size_pct) / 100;
}

/** USD to whole cents, so running totals do not drift (0.1 + 0.2). */
export function toCents(usd: number): number {
  return Math.round(usd * 100);
}

export function fromCents(cents: number): number {
  return cents / 100;
}
