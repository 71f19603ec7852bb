import type { PositionSide } from './exit-rules';

/**
 * The trailing stop's reference: the highest price seen since the position opened (a long), or
 * the lowest (a short). A position seen for the first time starts from its entry price or the
 * current price, whichever is better for it, so the stop never trails a price the position never had.
 */
export function nextWaterMark(side: PositionSide, previous: number | undefined, entryPrice: number, price: number): number {
  if (side === 'long') return Math.max(previous ?? Math.max(entryPrice, price), price);
  return Math.min(previous ?? Math.min(entryPrice, price), price);
}
