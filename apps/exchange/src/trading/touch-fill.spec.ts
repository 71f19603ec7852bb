import { touchFillQty, touchFillRatioProblem } from './touch-fill';

describe('touchFillQty', () => {
  it.each([
    [10, 'us_equity', 0.5, 5],
    [5, 'us_equity', 0.5, 2],
    [3, 'us_equity', 0.1, 1],
    [1, 'us_equity', 0.5, 1],
    [9, 'us_equity', 1, 9],
    [0.3, 'crypto', 0.5, 0.15],
    [1, 'crypto', 1 / 3, 0.333333333],
    [0.000000003, 'crypto', 0.1, 0.000000001],
    [0.000000001, 'crypto', 0.5, 0.000000001],
  ] as const)('fills %p %s at ratio %p: %p', (remaining, assetClass, ratio, expected) => {
    expect(touchFillQty(remaining, assetClass, ratio)).toBe(expected);
  });
});

describe('touchFillRatioProblem', () => {
  it.each([[0.5], [1], [0.001]])('accepts %p', (ratio) => {
    expect(touchFillRatioProblem(ratio)).toBeUndefined();
  });

  it.each([
    [0, 'must be > 0 and <= 1, got 0'],
    [1.5, 'must be > 0 and <= 1, got 1.5'],
    [-0.2, 'must be > 0 and <= 1, got -0.2'],
    ['0.5', 'must be a number, got "0.5"'],
    [undefined, 'must be a number, got undefined'],
    [Number.NaN, 'must be a number, got NaN'],
  ])('refuses %p', (ratio, problem) => {
    expect(touchFillRatioProblem(ratio)).toBe(problem);
  });
});
