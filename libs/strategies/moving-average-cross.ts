import { formatPrice } from './reason-format';

/** A fast and a slow moving average at one bar. */
export interface AveragePair {
  fast: number;
  slow: number;
}

/**
 * Where the fast average went relative to the slow one between the previous bar and the current
 * one: 'above' is a golden cross, 'below' a death cross. Touching counts as not yet crossed, so a
 * cross is reported once, on the bar where the fast average gets strictly past the slow one.
 */
export function crossBetween(previous: AveragePair, current: AveragePair): 'above' | 'below' | null {
  if (previous.fast <= previous.slow && current.fast > current.slow) return 'above';
  if (previous.fast >= previous.slow && current.fast < current.slow) return 'below';
  return null;
}

/** "fast SMA(10) 101.20 vs slow SMA(30) 100.50 (previous bar 100.10 vs 100.40)" */
export function describeAverages(kind: 'SMA' | 'EMA', periods: AveragePair, previous: AveragePair, current: AveragePair): string {
  return (
    `fast ${kind}(${periods.fast}) ${formatPrice(current.fast)} vs slow ${kind}(${periods.slow}) ${formatPrice(current.slow)}` +
    ` (previous bar ${formatPrice(previous.fast)} vs ${formatPrice(previous.slow)})`
  );
}
