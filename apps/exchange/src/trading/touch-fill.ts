import type { AssetClass } from '../market/asset-catalog';
import { roundQty } from './decimal';

/**
 * How resting limit orders fill when the price only touches their limit (equals it without
 * crossing): a real book at that level rarely has enough volume to fill the whole order.
 * Mutable at run time through POST /admin/fills.
 */
export interface FillSettings {
  /** Share of the remaining quantity filled per touch, 0 < ratio <= 1; 1 fills whole. */
  touchFillRatio: number;
}

export const DEFAULT_TOUCH_FILL_RATIO = 0.5;

/** Why `ratio` is not a valid touch fill ratio ("must be ..."), or undefined when it is. */
export function touchFillRatioProblem(ratio: unknown): string | undefined {
  if (typeof ratio !== 'number' || !Number.isFinite(ratio)) {
    return `must be a number, got ${typeof ratio === 'string' ? JSON.stringify(ratio) : String(ratio)}`;
  }
  if (ratio <= 0 || ratio > 1) return `must be > 0 and <= 1, got ${ratio}`;
  return undefined;
}

// Crypto quantities have 9 decimals: 1e9 units per coin.
const CRYPTO_UNITS_PER_COIN = 1e9;

/**
 * The quantity one touch fills: whole shares for equities, up to 9 decimals for crypto; at least
 * one unit (share or 1e-9) and never more than what remains.
 */
export function touchFillQty(remaining: number, assetClass: AssetClass, ratio: number): number {
  if (ratio >= 1) return remaining;
  const unitsPerQty = assetClass === 'us_equity' ? 1 : CRYPTO_UNITS_PER_COIN;
  // toPrecision drops binary noise first, so 0.3 x 0.5 is not floored below 0.15.
  const units = Math.max(1, Math.floor(Number((remaining * ratio * unitsPerQty).toPrecision(15))));
  return Math.min(remaining, roundQty(units / unitsPerQty));
}
