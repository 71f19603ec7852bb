import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startExchange, type ExchangeHandle, type ExchangeOptions } from '../exchange';
import { createPaperAccount } from '../testing/admin-client';
import { sdkClient } from '../testing/sdk-client';

// One trading day of AAPL and BTC news, long past, so the answer cannot depend on the clock.
const WINDOW = { symbols: 'AAPL,BTC/USD', start: new Date('2024-03-01T13:00:00Z'), end: new Date('2024-03-01T19:00:00Z'), sort: 'asc' as const, limit: 50 };

describe('news sources', () => {
  let dir: string;
  const running: ExchangeHandle[] = [];

  const headlinesOf = async (options: ExchangeOptions, query: Record<string, unknown> = WINDOW) => {
    const exchange = await startExchange(options);
    running.push(exchange);
    const alpaca = sdkClient(exchange.url, await createPaperAccount(exchange.url));
    const page = await alpaca.marketData.news.news(query);
    return page.news.map((article) => ({ id: article.id, headline: article.headline, symbols: article.symbols, at: article.createdAt.toISOString() }));
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'paper-exchange-news-'));
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((exchange) => exchange.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('generates the same headlines for the same seed when prices drift, and others for another seed', async () => {
    const first = await headlinesOf({ seed: 'news-spec' });
    const again = await headlinesOf({ seed: 'news-spec' });
    const other = await headlinesOf({ seed: 'news-spec-2' });
    expect(first).toHaveLength(12); // one per symbol and hour
    expect(again).toEqual(first);
    expect(other.map((article) => article.at)).not.toEqual(first.map((article) => article.at));
    expect(new Set(first.flatMap((article) => article.symbols))).toEqual(new Set(['AAPL', 'BTCUSD']));
    expect(first.find((article) => article.symbols[0] === 'BTCUSD')!.headline).toContain('Bitcoin');
  });

  it('pages the generated feed without a start, newest first, never in the future', async () => {
    const exchange = await startExchange({ seed: 'news-spec' });
    running.push(exchange);
    const alpaca = sdkClient(exchange.url, await createPaperAccount(exchange.url));
    const first = await alpaca.marketData.news.news({ symbols: 'MSFT', limit: 3 });
    const second = await alpaca.marketData.news.news({ symbols: 'MSFT', limit: 3, pageToken: first.nextPageToken! });
    const times = [...first.news, ...second.news].map((article) => article.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(new Set(times).size).toBe(6);
    expect(times[0]).toBeLessThanOrEqual(Date.now());
    expect(Date.now() - times[0]).toBeLessThan(2 * 3_600_000);
  });

  it('generates nothing when prices are frozen (tests script their headlines), or when turned off', async () => {
    expect(await headlinesOf({ priceDrift: false })).toEqual([]);
    expect(await headlinesOf({ seed: 'news-spec', news: 'off' })).toEqual([]);
    expect(await headlinesOf({ priceDrift: false, news: 'seeded', seed: 'news-spec' })).toHaveLength(12);
  });

  it('serves the headlines of a file', async () => {
    const file = join(dir, 'headlines.json');
    writeFileSync(
      file,
      JSON.stringify([
        { headline: 'Apple beats earnings expectations, raises guidance', symbols: ['AAPL'], created_at: '2024-03-01T14:00:00Z' },
        { headline: 'Bitcoin plunges after exchange hack', symbols: ['BTC/USD'], created_at: '2024-03-01T15:00:00Z' },
        { headline: 'Outside the window', symbols: ['AAPL'], created_at: '2024-03-02T15:00:00Z' },
      ]),
    );
    expect(await headlinesOf({ priceDrift: true, news: { file } })).toEqual([
      { id: 500_000_001, headline: 'Apple beats earnings expectations, raises guidance', symbols: ['AAPL'], at: '2024-03-01T14:00:00.000Z' },
      { id: 500_000_002, headline: 'Bitcoin plunges after exchange hack', symbols: ['BTCUSD'], at: '2024-03-01T15:00:00.000Z' },
    ]);
  });

  it.each([
    ['missing.json', undefined, /news file .*missing\.json: ENOENT/],
    ['object.json', '{"headline": "h"}', /news file .*object\.json: must hold a JSON array of articles/],
    ['bad.json', '[{"headline": "h", "symbols": ["AAPL"]}, {"symbols": []}]', /news file .*bad\.json: news\[1\]\.headline must be a non-empty string/],
  ])('refuses to start with %s', async (name, content, message) => {
    const file = join(dir, name);
    if (content !== undefined) writeFileSync(file, content);
    await expect(startExchange({ news: { file } })).rejects.toThrow(message);
  });
});
