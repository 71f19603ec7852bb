import { unitFloat } from './seeded-random';

// A reproducible log-price path: the sum of value-noise octaves with periods 1, 4, 16, ...
// 65,536 minutes, each scaled by sqrt(period) so moves over any horizon grow like a random
// walk's. Unlike a cumulative random walk, the value at any instant costs O(octaves) to compute,
// so bars for any window (and the price "now") need no history to be replayed.
const OCTAVES = 9;
const SQRT3 = Math.sqrt(3);

/** Log-price offset of the path keyed by `key` at `minute` (fractional minutes since epoch). */
export function logPriceOffset(key: number, minute: number, volatilityPerMinute: number): number {
  let sum = 0;
  let period = 1;
  for (let octave = 0; octave < OCTAVES; octave++) {
    const x = minute / period;
    const index = Math.floor(x);
    const fraction = x - index;
    const eased = fraction * fraction * (3 - 2 * fraction);
    const from = knot(key, octave, index);
    const to = knot(key, octave, index + 1);
    sum += volatilityPerMinute * Math.sqrt(period) * (from + (to - from) * eased);
    period *= 4;
  }
  return sum;
}

// Uniform on [-sqrt(3), sqrt(3)]: unit variance, bounded.
function knot(key: number, octave: number, index: number): number {
  return (unitFloat(key, octave, index) * 2 - 1) * SQRT3;
}

/** Prices keep cents above $1 and six decimals below, like a quoted tick; `decimals` overrides. */
export function roundPrice(price: number, decimals?: number): number {
  const factor = 10 ** priceDecimals(price, decimals);
  return Math.round(price * factor) / factor;
}

/** The smallest price step at this price level. */
export function priceTick(price: number, decimals?: number): number {
  return 10 ** -priceDecimals(price, decimals);
}

function priceDecimals(price: number, decimals: number | undefined): number {
  return decimals ?? (price >= 1 ? 2 : 6);
}
