import type { AlignedCloses } from './aligned-closes';
import { leastSquares, mean, standardDeviation } from './statistics';

// Below this many standard deviations per dollar of A's price the spread counts as flat: float
// noise of an exact A = β·B fit must not read as a huge z-score.
const FLAT_SD_PER_DOLLAR = 1e-9;

/** β: shares of B that move like one share of A, the least-squares slope of A's closes on B's. */
export function hedgeRatio(window: readonly AlignedCloses[]): number {
  return leastSquares(
    window.map((point) => point.b),
    window.map((point) => point.a),
  ).slope;
}

export function spreadOf(point: AlignedCloses, beta: number): number {
  return point.a - beta * point.b;
}

/**
 * How many standard deviations the current spread A - β·B lies from the window's spreads; null
 * when the window's spread did not vary (no deviation to measure against).
 */
export function spreadZScore(window: readonly AlignedCloses[], current: AlignedCloses, beta: number): number | null {
  const spreads = window.map((point) => spreadOf(point, beta));
  const sd = standardDeviation(spreads);
  if (!(sd > FLAT_SD_PER_DOLLAR * Math.abs(current.a))) return null;
  return (spreadOf(current, beta) - mean(spreads)) / sd;
}
