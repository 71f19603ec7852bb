import type { Bar } from '../../broker/broker.port';

// Test fixture: seeded, reproducible bar series whose extremes are known by construction, so a
// strategy test can state its expected answer exactly.

/** mulberry32: a tiny seeded PRNG returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const START = Date.parse('2025-01-06T14:30:00Z');
const FIVE_MINUTES = 5 * 60 * 1000;

export interface RangeOptions {
  /** Every bar's low is >= low, and the first bar touches it exactly. */
  low: number;
  /** Every bar's high is <= high, and the second bar touches it exactly. */
  high: number;
  /** Volumes are drawn from [0.8, 1.2] x this; the mean of any window is within that band. */
  volume: number;
}

/** `count` bars (count >= 2) whose prices stay inside [low, high] and touch both ends. */
export function rangeBoundBars(seed: number, count: number, { low, high, volume }: RangeOptions): Bar[] {
  const random = seededRandom(seed);
  const span = high - low;
  return Array.from({ length: count }, (_, i) => {
    const a = low + span * random();
    const b = low + span * random();
    const o = Math.min(a, b);
    const c = Math.max(a, b);
    const h = i === 1 ? high : c + (high - c) * random() * 0.5;
    const l = i === 0 ? low : o - (o - low) * random() * 0.5;
    return { t: new Date(START + i * FIVE_MINUTES).toISOString(), o, h, l, c, v: Math.round(volume * (0.8 + 0.4 * random())) };
  });
}

/** `count` identical bars at `price`. */
export function flatBars(count: number, price: number, volume: number): Bar[] {
  return Array.from({ length: count }, (_, i) => ({
    t: new Date(START + i * FIVE_MINUTES).toISOString(),
    o: price,
    h: price,
    l: price,
    c: price,
    v: volume,
  }));
}

/** Appends the current bar, closing at `close` with `volume`, right after the series. */
export function withCurrentBar(bars: Bar[], close: number, volume: number): Bar[] {
  const previous = bars[bars.length - 1];
  const t = new Date(Date.parse(previous.t) + FIVE_MINUTES).toISOString();
  return [...bars, { t, o: previous.c, h: Math.max(previous.c, close), l: Math.min(previous.c, close), c: close, v: volume }];
}
