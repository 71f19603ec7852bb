import { ExchangeStore } from '../store/exchange-store';
import { findAsset } from './asset-catalog';
import { pageBars } from './bar-series';
import { PriceBook } from './price-book';
import { parseTimeframe } from './timeframe';

const NOW = Date.parse('2024-05-15T15:42:30Z');
const aapl = findAsset('AAPL')!;
const btc = findAsset('BTC/USD')!;
const minute = parseTimeframe('1Min')!;

function book(options: { seed?: string; drift?: boolean; now?: number } = {}) {
  const store = ExchangeStore.open();
  const prices = new PriceBook(store, { seed: options.seed ?? 'test', drift: options.drift ?? true }, () => options.now ?? NOW);
  return { store, prices };
}

describe('PriceBook with drift', () => {
  it('is reproducible for a seed and differs between seeds', () => {
    const a = book({ seed: 'one' }).prices;
    const b = book({ seed: 'one' }).prices;
    const c = book({ seed: 'two' }).prices;
    const times = [NOW, NOW - 60_000, NOW - 86_400_000];
    expect(times.map((t) => a.price(aapl, t))).toEqual(times.map((t) => b.price(aapl, t)));
    expect(times.map((t) => a.price(aapl, t))).not.toEqual(times.map((t) => c.price(aapl, t)));
  });

  it('moves like a market: no jumps between minutes, but it does move over a day', () => {
    const { prices } = book();
    const path = Array.from({ length: 1440 }, (_, i) => prices.price(btc, NOW - i * 60_000));
    const steps = path.slice(1).map((p, i) => Math.abs(Math.log(p / path[i])));
    expect(Math.max(...steps)).toBeLessThan(0.01);
    expect(Math.max(...path) / Math.min(...path)).toBeGreaterThan(1.005);
    expect(path.every((p) => p > btc.basePrice * 0.3 && p < btc.basePrice * 3)).toBe(true);
  });

  it('holds a frozen admin price still while other symbols drift', () => {
    let now = NOW;
    const store = ExchangeStore.open();
    const prices = new PriceBook(store, { seed: 'test', drift: true }, () => now);
    prices.setPrice(aapl, 100, true);
    const btcBefore = prices.price(btc);
    now += 6 * 3_600_000;
    expect(prices.price(aapl)).toBe(100);
    expect(prices.price(btc)).not.toBe(btcBefore);
    prices.setPrice(aapl, 101);
    now += 3_600_000;
    expect(prices.price(aapl)).not.toBe(101);
  });

  it('passes through an admin price and rescales the path around it', () => {
    const { prices } = book();
    prices.setPrice(aapl, 250);
    expect(prices.price(aapl)).toBe(250);
    expect(prices.price(aapl, NOW + 3_600_000)).not.toBe(250);
  });

  it('builds bars from the same path: contiguous, bounded, and the last close is the current price', () => {
    const { prices } = book();
    const page = pageBars(prices, { assets: [aapl], timeframe: minute, startMs: NOW - 30 * 60_000, endMs: NOW, limit: 100, sort: 'asc', offset: 0 }, NOW);
    const bars = page.bars.get(aapl)!;
    expect(bars).toHaveLength(30);
    bars.forEach((bar, i) => {
      expect(bar.h).toBeGreaterThanOrEqual(Math.max(bar.o, bar.c));
      expect(bar.l).toBeLessThanOrEqual(Math.min(bar.o, bar.c));
      expect(bar.v).toBeGreaterThan(0);
      if (i > 0) expect(bar.o).toBe(bars[i - 1].c);
    });
    expect(bars[bars.length - 1].c).toBe(prices.price(aapl));
  });
});

describe('PriceBook without drift', () => {
  it('holds the base price, then exactly the admin price, at every instant', () => {
    const { prices } = book({ drift: false });
    expect(prices.price(aapl, NOW - 10 * 86_400_000)).toBe(aapl.basePrice);
    prices.setPrice(aapl, 123.456);
    expect([NOW - 86_400_000, NOW, NOW + 86_400_000].map((t) => prices.price(aapl, t))).toEqual([123.456, 123.456, 123.456]);
  });

  it('serves admin bars as the most recent bars and takes the last close as the price', () => {
    const { prices } = book({ drift: false });
    const series = [
      { o: 10, h: 11, l: 9, c: 10.5, v: 100 },
      { o: 10.5, h: 12, l: 10, c: 11.5, v: 200 },
      { o: 11.5, h: 13, l: 11, c: 12.5, v: 300 },
    ];
    prices.setBars(aapl, minute, series);
    const page = pageBars(prices, { assets: [aapl], timeframe: minute, startMs: NOW - 10 * 60_000, endMs: NOW, limit: 3, sort: 'desc', offset: 0 }, NOW);
    const bars = page.bars.get(aapl)!;
    expect(bars.map((bar) => bar.c)).toEqual([12.5, 11.5, 10.5]);
    expect(bars.map((bar) => new Date(bar.t).toISOString())).toEqual([
      '2024-05-15T15:42:00.000Z',
      '2024-05-15T15:41:00.000Z',
      '2024-05-15T15:40:00.000Z',
    ]);
    expect(prices.price(aapl)).toBe(12.5);
    expect(prices.quote(aapl).bid).toBeLessThan(12.5);
    expect(prices.quote(aapl).ask).toBeGreaterThan(12.5);
  });
});

describe('pageBars', () => {
  it('pages across symbols with a shared limit, ordered by symbol then time', () => {
    const { prices } = book({ drift: false });
    const query = { assets: [aapl, btc], timeframe: minute, startMs: NOW - 10 * 60_000, endMs: NOW, limit: 15, sort: 'asc' as const, offset: 0 };
    const first = pageBars(prices, query, NOW);
    expect(first.bars.get(aapl)).toHaveLength(10);
    expect(first.bars.get(btc)).toHaveLength(5);
    expect(first.nextOffset).toBe(15);
    const second = pageBars(prices, { ...query, offset: first.nextOffset! }, NOW);
    expect(second.bars.get(aapl)).toBeUndefined();
    expect(second.bars.get(btc)).toHaveLength(5);
    expect(second.nextOffset).toBeNull();
    expect(second.bars.get(btc)![0].t).toBe(first.bars.get(btc)![4].t + 60_000);
  });

  it('returns nothing for a window in the future', () => {
    const { prices } = book();
    const page = pageBars(prices, { assets: [aapl], timeframe: minute, startMs: NOW + 60_000, endMs: NOW + 600_000, limit: 10, sort: 'asc', offset: 0 }, NOW);
    expect(page.bars.size).toBe(0);
    expect(page.nextOffset).toBeNull();
  });
});
