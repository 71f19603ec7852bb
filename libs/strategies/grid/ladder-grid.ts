import { formatPrice, formatUsd } from '../reason-format';
import { floorQty, unitName } from './grid-orders';
import type { LadderConfig } from './ladder-config';

// What the bounded-ladder grids (spot, reverse, futures) share at start: which levels open a
// round trip, how much each trades, and the checks against the price.

/**
 * Levels that get an opening buy: strictly below the price (a buy at or above it would fill at
 * once) and never the top level, which has no level above it to sell at.
 */
export function buyLevelsBelow(levels: readonly number[], price: number): number[] {
  return levels.flatMap((levelPrice, index) => (levelPrice < price && index < levels.length - 1 ? [index] : []));
}

/** Levels that get an opening sell: strictly above the price, never level 0 (nothing below it to buy back at). */
export function sellLevelsAbove(levels: readonly number[], price: number): number[] {
  return levels.flatMap((levelPrice, index) => (levelPrice > price && index > 0 ? [index] : []));
}

/**
 * Units traded at `price` on one opening level: quantity_per_grid, or allocated_capital (times
 * `leverage`) split evenly in USD over `openingCount` levels, rounded down to whole shares or 1e-6 of a coin.
 */
export function levelQty(config: LadderConfig, price: number, openingCount: number, isCrypto: boolean, leverage = 1): number {
  if (config.quantity_per_grid !== undefined) return floorQty(config.quantity_per_grid, isCrypto);
  return floorQty(((config.allocated_capital ?? 0) * leverage) / openingCount / price, isCrypto);
}

/** Why the grid cannot start at `price` on this ladder (no price, or outside the range), or null. */
export function priceRangeError(symbol: string, levels: readonly number[], price: number): string | null {
  const lower = levels[0];
  const upper = levels[levels.length - 1];
  if (!(price > 0)) return `no current price for ${symbol}`;
  if (price >= lower && price <= upper) return null;
  const where = price < lower ? 'below' : 'above';
  return `current price ${formatPrice(price)} of ${symbol} is ${where} the grid range ${formatPrice(lower)}-${formatPrice(upper)}; choose lower_price and upper_price around it`;
}

/** The error for an opening level whose share of allocated_capital trades less than one unit, or null. */
export function tooSmallLevelError(
  config: LadderConfig,
  levels: readonly number[],
  opening: readonly number[],
  isCrypto: boolean,
  wording: { verb: string; levels: string; leverage?: number },
): string | null {
  const leverage = wording.leverage ?? 1;
  const tooSmall = opening.find((level) => levelQty(config, levels[level], opening.length, isCrypto, leverage) <= 0);
  if (tooSmall === undefined) return null;
  const capital = config.allocated_capital ?? 0;
  const levered = leverage > 1 ? ` at ${leverage}x leverage` : '';
  const perLevel = formatUsd((capital * leverage) / opening.length);
  return (
    `allocated_capital ${formatUsd(capital)}${levered} split over ${opening.length} ${wording.levels} (${perLevel} each) ` +
    `${wording.verb} less than one ${unitName(isCrypto)} of ${config.symbol} at level ${tooSmall} (${formatPrice(levels[tooSmall])}); raise allocated_capital or lower grid_count`
  );
}
