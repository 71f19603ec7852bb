import { emaSeries, leastSquares, mean, rsi, sma, standardDeviation, zScore } from './statistics';

describe('statistics', () => {
  it('mean, population standard deviation and z-score', () => {
    expect(mean([2, 4, 4, 4, 5, 5, 7, 9])).toBe(5);
    expect(standardDeviation([2, 4, 4, 4, 5, 5, 7, 9])).toBe(2);
    expect(zScore(1, [2, 4, 4, 4, 5, 5, 7, 9])).toBe(-2);
    expect(zScore(10, [3, 3, 3])).toBe(0);
  });

  it('SMA of the last N values', () => {
    expect(sma([1, 2, 3, 4, 5], 2)).toBe(4.5);
    expect(() => sma([1], 2)).toThrow(RangeError);
  });

  it('EMA seeded with the SMA, then weighted 2/(N+1)', () => {
    expect(emaSeries([1, 2, 3, 4], 3)).toEqual([2, 3]);
    expect(emaSeries([5, 5, 5, 5, 5], 2)).toEqual([5, 5, 5, 5]);
  });

  it("Wilder's RSI: only gains 100, only losses 0, flat 50, balanced 50", () => {
    expect(rsi([1, 2, 3, 4, 5], 4)).toBe(100);
    expect(rsi([5, 4, 3, 2, 1], 4)).toBe(0);
    expect(rsi([3, 3, 3, 3, 3], 4)).toBe(50);
    expect(rsi([10, 11, 10, 11, 10], 4)).toBeCloseTo(50, 10);
    expect(() => rsi([1, 2, 3], 3)).toThrow(RangeError);
  });

  it('least squares recovers a known line', () => {
    const x = [1, 2, 3, 4, 5];
    const { slope, intercept } = leastSquares(x, x.map((v) => 3 + 2 * v));
    expect(slope).toBeCloseTo(2, 12);
    expect(intercept).toBeCloseTo(3, 12);
    expect(leastSquares([2, 2, 2], [1, 2, 3])).toEqual({ slope: 0, intercept: 2 });
  });
});
