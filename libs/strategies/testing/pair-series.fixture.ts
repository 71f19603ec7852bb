import type { Bar } from '../../broker/broker.port';
import { seededRandom } from './bar-series.fixture';
import { barsFromCloses } from './decision-input';

// Test fixture: two seeded close series tied by a known hedge ratio, so a pairs test can state β,
// the spread's deviation and the trade's direction by construction.

const FIFTEEN_MINUTES = 15 * 60_000;

export interface PairCloses {
  a: number[];
  b: number[];
}

export interface CointegrationOptions {
  /** B starts here and walks ±0.5 a bar. */
  startB: number;
  /** A = intercept + beta·B + noise. */
  beta: number;
  intercept?: number;
  /** The noise alternates +noise, -noise, so the spread's deviation is about `noise`. */
  noise: number;
}

/** `count` bar closes of a cointegrated pair. */
export function cointegratedCloses(seed: number, count: number, { startB, beta, intercept = 0, noise }: CointegrationOptions): PairCloses {
  const random = seededRandom(seed);
  const b: number[] = [];
  for (let i = 0; i < count; i++) b.push(i === 0 ? startB : b[i - 1] + (random() - 0.5));
  return { b, a: b.map((price, i) => intercept + beta * price + (i % 2 === 0 ? noise : -noise)) };
}

/** Appends a current bar at which B takes one more step and A sits `offset` off the fitted line. */
export function withCurrentPair(closes: PairCloses, beta: number, offset: number, intercept = 0): PairCloses {
  const b = closes.b[closes.b.length - 1] + 0.2;
  return { a: [...closes.a, intercept + beta * b + offset], b: [...closes.b, b] };
}

/** 15-minute bars, both symbols at the same times. */
export function pairBars(closes: PairCloses): { a: Bar[]; b: Bar[] } {
  return { a: barsFromCloses(closes.a, { stepMs: FIFTEEN_MINUTES }), b: barsFromCloses(closes.b, { stepMs: FIFTEEN_MINUTES }) };
}
