import { affordableQty, floorTo, isCryptoSymbol, timeInForceFor, toCents } from './order-sizing';

describe('order sizing', () => {
  it.each([
    [1000, 106, 'AAPL', 9],
    [1000, 100, 'AAPL', 10],
    [99.99, 100, 'AAPL', 0],
    [0.3, 0.1, 'SNDL', 3], // 0.3 / 0.1 is 2.9999999999999996 in binary
    [1000, 43210.5, 'BTC/USD', 0.023142],
    [0.5, 3000, 'ETH/USD', 0.000166],
    [0.001, 3000, 'ETH/USD', 0],
    [1000, 0, 'AAPL', 0],
    [1000, Number.NaN, 'AAPL', 0],
    [-5, 10, 'AAPL', 0],
  ])('budget %p at price %p buys %s qty %p', (budget, price, symbol, expected) => {
    expect(affordableQty(budget, price, symbol)).toBe(expected);
  });

  it.each([
    [1.23456789, 6, 1.234567],
    [1.9999999, 0, 1],
    [0.1 + 0.2, 1, 0.3],
    [2, 2, 2],
  ])('floorTo(%p, %p) = %p', (value, decimals, expected) => {
    expect(floorTo(value, decimals)).toBe(expected);
  });

  it.each([
    ['AAPL', false, 'day'],
    ['BRK.B', false, 'day'],
    ['BTC/USD', true, 'gtc'],
  ])('%s: crypto %p, time in force %s', (symbol, crypto, tif) => {
    expect(isCryptoSymbol(symbol)).toBe(crypto);
    expect(timeInForceFor(symbol)).toBe(tif);
  });

  it('counts cents without binary drift', () => {
    expect(toCents(0.1) + toCents(0.2)).toBe(30);
  });
});
