// Pure numeric helpers shared by the decision rules. Every function takes oldest-first series and
// throws on input a caller should have checked (too few values): a bug, not a market condition.

function requireLength(values: readonly number[], length: number, what: string): void {
  if (values.length < length) throw new RangeError(`${what} needs at least ${length} values, got ${values.length}`);
}

export function mean(values: readonly number[]): number {
  requireLength(values, 1, 'mean');
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Population standard deviation (the Bollinger-band convention). */
export function standardDeviation(values: readonly number[]): number {
  const average = mean(values);
  return Math.sqrt(values.reduce((sum, value) => sum + (value - average) ** 2, 0) / values.length);
}

/** How many standard deviations `value` lies from the mean of `window`; 0 when the window is flat. */
export function zScore(value: number, window: readonly number[]): number {
  const sd = standardDeviation(window);
  return sd > 0 ? (value - mean(window)) / sd : 0;
}

/** Simple moving average of the last `period` values. */
export function sma(values: readonly number[], period: number): number {
  requireLength(values, period, `${period}-period SMA`);
  return mean(values.slice(values.length - period));
}

/**
 * Exponential moving average over the whole series, seeded with the SMA of the first `period`
 * values; one value per input from index `period - 1` on.
 */
export function emaSeries(values: readonly number[], period: number): number[] {
  requireLength(values, period, `${period}-period EMA`);
  const k = 2 / (period + 1);
  const series = [mean(values.slice(0, period))];
  for (let i = period; i < values.length; i++) series.push(values[i] * k + series[series.length - 1] * (1 - k));
  return series;
}

/**
 * Wilder's relative strength index over the series (needs `period + 1` values): 100 when there
 * were only gains, 0 when only losses, 50 when flat.
 */
export function rsi(values: readonly number[], period: number): number {
  requireLength(values, period + 1, `${period}-period RSI`);
  let gain = 0;
  let loss = 0;
  for (let i = 1; i <= period; i++) {
    const change = values[i] - values[i - 1];
    gain += Math.max(change, 0);
    loss += Math.max(-change, 0);
  }
  gain /= period;
  loss /= period;
  for (let i = period + 1; i < values.length; i++) {
    const change = values[i] - values[i - 1];
    gain = (gain * (period - 1) + Math.max(change, 0)) / period;
    loss = (loss * (period - 1) + Math.max(-change, 0)) / period;
  }
  if (gain === 0 && loss === 0) return 50;
  if (loss === 0) return 100;
  return 100 - 100 / (1 + gain / loss);
}

/** Ordinary least squares of y on x: y ≈ intercept + slope·x. Slope 0 when x is constant. */
export function leastSquares(x: readonly number[], y: readonly number[]): { slope: number; intercept: number } {
  if (x.length !== y.length) throw new RangeError(`leastSquares needs series of equal length, got ${x.length} and ${y.length}`);
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  return { slope, intercept: my - slope * mx };
}
