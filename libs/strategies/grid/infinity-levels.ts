import { formatPrice } from '../reason-format';
import { roundToTick, tickDecimals } from './grid-levels';

// The infinity grid's ladder: level i = lower_price * (1 + step_pct/100)^i, rounded to the
// exchange tick, with no upper end.

export const MIN_STEP_PCT = 0.1;
export const MAX_STEP_PCT = 50;

export interface InfinityLadder {
  lower_price: number;
  step_pct: number;
}

function rawLevel(ladder: InfinityLadder, level: number): number {
  return ladder.lower_price * (1 + ladder.step_pct / 100) ** level;
}

export function infinityLevelPrice(ladder: InfinityLadder, level: number): number {
  return roundToTick(rawLevel(ladder, level));
}

/** The highest level at or below `price`; -1 when `price` is below lower_price's level. */
export function infinityLevelAtOrBelow(ladder: InfinityLadder, price: number): number {
  if (!(price > 0) || price < infinityLevelPrice(ladder, 0)) return -1;
  let level = Math.max(0, Math.floor(Math.log(price / ladder.lower_price) / Math.log(1 + ladder.step_pct / 100)));
  // The logarithm lands within a level of the answer; rounding to the tick settles the rest.
  while (level > 0 && infinityLevelPrice(ladder, level) > price) level -= 1;
  while (infinityLevelPrice(ladder, level + 1) <= price) level += 1;
  return level;
}

/**
 * Why the price tick cannot hold this ladder, or null. Neighbouring levels stay apart as long as
 * their raw distance is at least one tick, and that distance grows with the level, so it is
 * enough to look at level 0 and at the first level at or above $1 (where the tick grows from
 * 0.0001 to 0.01). A step wide enough there also keeps the two levels either side of $1 apart.
 */
export function infinityLadderIssue(ladder: InfinityLadder): { field: 'lower_price' | 'step_pct'; message: string } | null {
  if (!(infinityLevelPrice(ladder, 0) > 0)) return { field: 'lower_price', message: "must be at least the exchange's price tick (0.0001)" };
  const ratio = ladder.step_pct / 100;
  const tooClose = (level: number) => {
    const raw = rawLevel(ladder, level);
    return raw * ratio < (1 / 10 ** tickDecimals(raw)) * (1 - 1e-9);
  };
  let firstAboveOne = Math.max(0, Math.floor(Math.log(1 / ladder.lower_price) / Math.log(1 + ratio)));
  while (rawLevel(ladder, firstAboveOne) < 1) firstAboveOne += 1;
  for (const level of new Set([0, firstAboveOne])) {
    if (!tooClose(level)) continue;
    const price = rawLevel(ladder, level);
    const tick = 1 / 10 ** tickDecimals(price);
    const minimum = Math.ceil(((tick / price) * 100 - 1e-9) * 100) / 100;
    const fix = minimum <= MAX_STEP_PCT ? `use at least ${minimum}%` : `raise lower_price (no step_pct up to ${MAX_STEP_PCT}% is enough)`;
    const message = `is too small for the exchange's price tick: near ${formatPrice(price)} levels ${ladder.step_pct}% apart are less than one tick (${tick}) apart; ${fix}`;
    return { field: 'step_pct', message };
  }
  return null;
}
