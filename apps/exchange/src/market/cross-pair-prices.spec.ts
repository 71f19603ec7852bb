import { ExchangeStore } from '../store/exchange-store';
import { ASSETS, findAsset, holdingAsset } from './asset-catalog';
import { crossPairDislocation } from './cross-pair-dislocation';
import { PriceBook } from './price-book';

const NOW = Date.parse('2024-05-15T15:42:30Z');
const asset = (symbol: string) => findAsset(symbol)!;
const [btcUsd, ethUsd, usdtUsd, btcUsdt, ethBtc] = ['BTC/USD', 'ETH/USD', 'USDT/USD', 'BTC/USDT', 'ETH/BTC'].map(asset);

function book(options: { seed?: string; drift?: boolean; now?: () => number } = {}) {
  return new PriceBook(ExchangeStore.open(), { seed: options.seed ?? 'cross', drift: options.drift ?? true }, options.now ?? (() => NOW));
}

const minutes = (count: number) => Array.from({ length: count }, (_, i) => NOW - i * 60_000);

describe('the crypto catalog', () => {
  it('lists Alpaca\'s cross pairs with their currencies, and keeps every coin under its USD pair', () => {
    const pairs = ASSETS.filter((a) => a.assetClass === 'crypto' && a.quoteCurrency !== 'USD').map((a) => a.symbol);
    expect(pairs).toEqual(['BTC/USDT', 'ETH/USDT', 'SOL/USDT', 'ETH/BTC']);
    expect(findAsset('USDTUSD')).toBe(usdtUsd);
    expect(findAsset('ETHBTC')).toBe(ethBtc);
    expect([btcUsdt.baseCurrency, btcUsdt.quoteCurrency]).toEqual(['BTC', 'USDT']);
    expect(holdingAsset(btcUsdt)).toBe(btcUsd);
    expect(holdingAsset(ethBtc)).toBe(ethUsd);
    expect(btcUsdt.shortable).toBe(false);
  });
});

describe('cross pair prices without drift', () => {
  it('divides the base leg\'s USD price by the quote leg\'s', () => {
    const prices = book({ drift: false });
    expect(prices.price(btcUsdt)).toBe(65_000);
    expect(prices.price(ethBtc)).toBe(0.049231); // 3,200 / 65,000 to six decimals below 1
    prices.setPrice(btcUsd, 60_000);
    prices.setPrice(usdtUsd, 1.0005);
    expect(prices.price(btcUsdt)).toBe(59_970.01);
    expect(prices.price(ethBtc)).toBe(0.053333);
  });

  it('lets an admin price on the pair itself override its legs (a scripted dislocation)', () => {
    const prices = book({ drift: false });
    prices.setPrice(btcUsdt, 65_650);
    expect(prices.price(btcUsdt)).toBe(65_650);
    prices.setPrice(btcUsd, 70_000);
    expect(prices.price(btcUsdt)).toBe(65_650);
  });

  it('has no seeded dislocation: the pair tracks its legs minute after minute', () => {
    let now = NOW;
    const prices = book({ drift: false, now: () => now });
    for (let i = 0; i < 500; i++, now += 60_000) expect(prices.price(btcUsdt)).toBe(65_000);
  });
});

describe('cross pair prices with drift', () => {
  const implied = (prices: PriceBook, t: number) => prices.price(btcUsd, t) / prices.price(usdtUsd, t);

  it('follows its legs, dislocated only in the seeded minutes, by 0.3-1.5 %', () => {
    const prices = book();
    const times = minutes(3 * 1440);
    const gaps = times.map((t) => prices.price(btcUsdt, t) / implied(prices, t) - 1);
    const dislocated = times.filter((t) => crossPairDislocation('cross', 'BTC/USDT', t) !== 0);
    // "A few percent of minutes".
    expect(dislocated.length / times.length).toBeGreaterThan(0.01);
    expect(dislocated.length / times.length).toBeLessThan(0.06);
    times.forEach((t, i) => {
      const expected = crossPairDislocation('cross', 'BTC/USDT', t);
      // Rounding to cents at ~65,000 is ~1e-7 relative.
      expect(Math.abs(gaps[i] - expected)).toBeLessThan(1e-6);
      if (expected !== 0) expect(Math.abs(expected)).toBeGreaterThanOrEqual(0.003);
      expect(Math.abs(expected)).toBeLessThanOrEqual(0.015);
    });
    const signs = new Set(dislocated.map((t) => Math.sign(crossPairDislocation('cross', 'BTC/USDT', t))));
    expect(signs).toEqual(new Set([-1, 1]));
  });

  it('is reproducible for a seed and differs between seeds and pairs', () => {
    const times = minutes(1440);
    const dislocatedMinutes = (seed: string, symbol: string) => times.filter((t) => crossPairDislocation(seed, symbol, t) !== 0);
    expect(dislocatedMinutes('one', 'BTC/USDT')).toEqual(dislocatedMinutes('one', 'BTC/USDT'));
    expect(dislocatedMinutes('one', 'BTC/USDT')).not.toEqual(dislocatedMinutes('two', 'BTC/USDT'));
    expect(dislocatedMinutes('one', 'BTC/USDT')).not.toEqual(dislocatedMinutes('one', 'ETH/BTC'));
    expect(times.map((t) => book({ seed: 'one' }).price(ethBtc, t))).toEqual(times.map((t) => book({ seed: 'one' }).price(ethBtc, t)));
  });

  it('holds a dislocation for its whole minute, bars included', () => {
    const prices = book();
    const minute = minutes(1440).find((t) => crossPairDislocation('cross', 'BTC/USDT', t) > 0)!;
    const start = Math.floor(minute / 60_000) * 60_000;
    for (const t of [start, start + 20_000, start + 59_999]) {
      expect(prices.price(btcUsdt, t) / implied(prices, t) - 1).toBeCloseTo(crossPairDislocation('cross', 'BTC/USDT', minute), 6);
    }
  });

  it('passes through an admin price on the pair at the instant it is set', () => {
    const prices = book();
    prices.setPrice(btcUsdt, 66_000);
    expect(prices.price(btcUsdt)).toBe(66_000);
    prices.setPrice(btcUsdt, 64_000, true);
    expect(prices.price(btcUsdt, NOW + 3_600_000)).toBe(64_000);
  });

  it('keeps stablecoins within a fraction of a percent of $1, quoted to 1/100 cent', () => {
    const prices = book();
    const path = minutes(30 * 1440).filter((_, i) => i % 15 === 0).map((t) => prices.price(usdtUsd, t));
    expect(Math.max(...path)).toBeLessThan(1.005);
    expect(Math.min(...path)).toBeGreaterThan(0.995);
    expect(new Set(path).size).toBeGreaterThan(5);
    expect(path.every((p) => Number(p.toFixed(4)) === p)).toBe(true);
  });
});

describe('quotes', () => {
  it.each([
    ['an equity, default 2 bps', 'AAPL', 100, null, { bid: 99.99, ask: 100.01 }],
    ['an equity at 50 bps', 'AAPL', 100, 50, { bid: 99.75, ask: 100.25 }],
    ['crypto, default 4 bps', 'BTC/USD', 65_000, null, { bid: 64_987, ask: 65_013 }],
    ['a cross pair at 20 bps', 'BTC/USDT', 65_000, 20, { bid: 64_935, ask: 65_065 }],
    ['a stablecoin, default 4 bps in 1/100 cents', 'USDT/USD', 1, null, { bid: 0.9998, ask: 1.0002 }],
    ['a stablecoin, at least its tick', 'USDT/USD', 1, 1, { bid: 0.9999, ask: 1.0001 }],
    ['a cheap stock, at least a cent', 'F', 12, 1, { bid: 11.99, ask: 12.01 }],
    ['the widest spread allowed', 'MSFT', 400, 5000, { bid: 300, ask: 500 }],
  ])('%s: bid and ask are half the spread either side of the price', (_name, symbol, price, bps, expected) => {
    const prices = book({ drift: false });
    prices.setPrice(asset(symbol), price);
    if (bps !== null) prices.setSpread(asset(symbol), bps);
    expect(prices.quote(asset(symbol))).toEqual({ ...expected, price });
  });

  it('forgets a spread set back to null', () => {
    const prices = book({ drift: false });
    prices.setSpread(btcUsd, 100);
    prices.setSpread(btcUsd, null);
    expect(prices.spreadBps(btcUsd)).toBe(4);
  });
});
