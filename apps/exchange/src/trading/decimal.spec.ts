import { decimalPlaces, formatDecimal, roundCash, roundQty } from './decimal';

describe('decimal helpers', () => {
  it.each([
    [100000, 9, '100000'],
    [0.1 + 0.2, 9, '0.3'],
    [1e-7, 9, '0.0000001'],
    [12.345, 2, '12.35'],
    [-0.0000000001, 9, '0'],
  ])('formatDecimal(%p, %d) = %s', (value, decimals, text) => {
    expect(formatDecimal(value, decimals)).toBe(text);
  });

  it.each([
    ['150', 0],
    ['150.25', 2],
    ['150.2500', 2],
    ['0.000100', 4],
  ])('decimalPlaces(%s) = %d', (text, places) => {
    expect(decimalPlaces(text)).toBe(places);
  });

  it('rounds cash to cents and quantities to 9 decimals', () => {
    expect(roundCash(10.005)).toBe(10.01);
    expect(roundCash(99999.994999)).toBe(99999.99);
    expect(roundQty(1 / 3)).toBe(0.333333333);
  });
});
