import { InvalidGridError } from './grid-errors';
import { gridLevelIssues, gridLevels, roundToTick, type GridSpacing } from './grid-levels';

describe('gridLevels', () => {
  it.each<[GridSpacing, number, number, number, number[]]>([
    ['arithmetic', 100, 110, 6, [100, 102, 104, 106, 108, 110]],
    ['arithmetic', 10, 11, 4, [10, 10.33, 10.67, 11]],
    ['arithmetic', 100, 101, 2, [100, 101]],
    ['arithmetic', 0.5, 0.6, 4, [0.5, 0.5333, 0.5667, 0.6]], // 4 decimals below $1
    ['arithmetic', 0.9, 1.2, 4, [0.9, 1, 1.1, 1.2]], // crosses $1
    ['geometric', 100, 400, 3, [100, 200, 400]],
    ['geometric', 100, 121, 3, [100, 110, 121]],
    ['geometric', 1, 8, 4, [1, 2, 4, 8]],
    ['geometric', 0.5, 2, 3, [0.5, 1, 2]],
    ['geometric', 100, 200, 5, [100, 118.92, 141.42, 168.18, 200]],
  ])('%s %p..%p in %p levels -> %j', (spacing, lower, upper, count, expected) => {
    const levels = gridLevels({ lower_price: lower, upper_price: upper, grid_count: count, spacing });
    expect(levels).toEqual(expected);
  });

  it('makes 200 strictly ascending levels on the tick for a wide range', () => {
    const levels = gridLevels({ lower_price: 10, upper_price: 1000, grid_count: 200, spacing: 'geometric' });
    expect(levels).toHaveLength(200);
    expect(levels[0]).toBe(10);
    expect(levels[199]).toBe(1000);
    for (let i = 1; i < levels.length; i += 1) expect(levels[i]).toBeGreaterThan(levels[i - 1]);
    for (const price of levels) expect(roundToTick(price)).toBe(price);
  });

  it.each([
    [{ lower_price: 110, upper_price: 100, grid_count: 5 }, 'upper_price', 'must be greater than lower_price'],
    [{ lower_price: 100, upper_price: 100, grid_count: 5 }, 'upper_price', 'must be greater than lower_price'],
    [{ lower_price: 100.001, upper_price: 100.004, grid_count: 2 }, 'upper_price', 'must be greater than lower_price'],
    [{ lower_price: 100, upper_price: 110, grid_count: 1 }, 'grid_count', 'must be a whole number from 2 to 200'],
    [{ lower_price: 100, upper_price: 110, grid_count: 201 }, 'grid_count', 'must be a whole number from 2 to 200'],
    [{ lower_price: 100, upper_price: 110, grid_count: 2.5 }, 'grid_count', 'must be a whole number from 2 to 200'],
    [{ lower_price: 0, upper_price: 110, grid_count: 5 }, 'lower_price', 'must be a number greater than 0'],
    [{ lower_price: 100, upper_price: Number.NaN, grid_count: 5 }, 'upper_price', 'must be a number greater than 0'],
    [
      { lower_price: 100, upper_price: 100.05, grid_count: 10 },
      'grid_count',
      "is too large for the range: levels 1 and 2 both round to 100.01 at the exchange's price tick; use fewer levels or a wider range",
    ],
  ])('rejects %j: %s %s', (input, field, message) => {
    const params = { ...input, spacing: 'arithmetic' as const };
    expect(gridLevelIssues(params)[0]).toEqual({ field, message });
    expect(() => gridLevels(params)).toThrow(new InvalidGridError(field, message));
    expect(() => gridLevels(params)).toThrow(`${field} ${message}`);
  });
});

describe('roundToTick', () => {
  it.each([
    [1.005, 1.01],
    [2.675, 2.68],
    [100.004, 100],
    [187.125, 187.13],
    [0.12345, 0.1235],
    [0.999949, 0.9999],
    [0.99996, 1],
    [0.00012, 0.0001],
  ])('%p -> %p', (price, expected) => {
    expect(roundToTick(price)).toBe(expected);
  });
});
