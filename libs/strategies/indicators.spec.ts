import type { Bar } from '../broker/broker.port';
import { averageVolume, barsBeforeLast, highestHigh, lowestLow } from './indicators';
import { rangeBoundBars } from './testing/bar-series.fixture';

const bar = (h: number, l: number, v: number): Bar => ({ t: '2025-01-06T14:30:00Z', o: l, h, l, c: h, v });

describe('indicators', () => {
  const bars = [bar(10, 8, 100), bar(12, 9, 200), bar(11, 7, 300), bar(15, 14, 9000)];

  it.each([
    [1, [bars[2]]],
    [2, [bars[1], bars[2]]],
    [3, bars.slice(0, 3)],
    [10, bars.slice(0, 3)],
    [0, []],
  ])('barsBeforeLast(%p) excludes the current bar', (count, expected) => {
    expect(barsBeforeLast(bars, count)).toEqual(expected);
  });

  it.each([
    ['highestHigh', highestHigh, 12],
    ['lowestLow', lowestLow, 7],
    ['averageVolume', averageVolume, 200],
  ] as const)('%s of the window before the current bar is %p', (_name, indicator, expected) => {
    expect(indicator(barsBeforeLast(bars, 3))).toBe(expected);
  });

  it.each([1, 2, 3, 99])('finds the known extremes of a seeded range-bound series (seed %p)', (seed) => {
    const series = rangeBoundBars(seed, 30, { low: 50, high: 60, volume: 1000 });
    expect(highestHigh(series)).toBe(60);
    expect(lowestLow(series)).toBe(50);
    expect(averageVolume(series)).toBeGreaterThanOrEqual(800);
    expect(averageVolume(series)).toBeLessThanOrEqual(1200);
  });

  it.each([highestHigh, lowestLow, averageVolume])('%p refuses an empty window', (indicator) => {
    expect(() => indicator([])).toThrow(RangeError);
  });
});
