import { cryptoPairSymbol, formatAmount, formatLimitPrice, toNumber } from './alpaca-amounts';

describe('Alpaca amount strings', () => {
  it.each([
    [3, 9, '3'],
    [0.1 + 0.2, 9, '0.3'],
    [0.000000001, 9, '0.000000001'],
    [12.345, 2, '12.35'],
    [99.999, 2, '100'],
  ])('formatAmount(%p, %d) = %s', (value, decimals, text) => {
    expect(formatAmount(value, decimals)).toBe(text);
  });

  it('refuses non-finite amounts', () => {
    expect(() => formatAmount(Number.NaN, 2)).toThrow('not a finite amount');
  });

  it.each([
    ['AAPL', 150.123, '150.12'],
    ['AAPL', 90.1 + 0.2, '90.3'],
    ['F', 0.12345, '0.1235'],
    ['BTC/USD', 65000.123456789, '65000.123456789'],
  ])('formatLimitPrice(%s, %p) = %s', (symbol, price, text) => {
    expect(formatLimitPrice(symbol, price)).toBe(text);
  });

  it.each([
    ['100.5', 100.5],
    ['0', 0],
    [null, null],
    [undefined, null],
    ['', null],
    ['abc', null],
  ])('toNumber(%p) = %p', (value, expected) => {
    expect(toNumber(value)).toBe(expected);
  });

  it.each([
    ['BTCUSD', 'BTC/USD'],
    ['ETHUSDT', 'ETH/USDT'],
    ['SOLUSDC', 'SOL/USDC'],
    ['ETHBTC', 'ETH/BTC'],
    ['BTC/USD', 'BTC/USD'],
  ])('cryptoPairSymbol(%s) = %s', (symbol, pair) => {
    expect(cryptoPairSymbol(symbol)).toBe(pair);
  });
});
