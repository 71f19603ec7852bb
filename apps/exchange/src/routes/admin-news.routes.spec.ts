import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startExchange, type ExchangeHandle } from '../exchange';
import { adminRequest } from '../testing/admin-client';

interface NewsJson {
  id: number;
  headline: string;
  symbols: string[];
  created_at: string;
}

const post = (exchange: ExchangeHandle, body: unknown) =>
  fetch(`${exchange.url}/admin/news`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('admin news routes', () => {
  let dir: string;
  let exchange: ExchangeHandle;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'paper-exchange-news-'));
    exchange = await startExchange({ priceDrift: false, dataFile: join(dir, 'exchange.db') });
  });
  afterEach(async () => {
    await exchange.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores one article (answering the article) or many (answering the array), with growing ids', async () => {
    const before = Date.now();
    const single = await post(exchange, { headline: 'Tesla shares slump after regulator opens probe', symbols: ['TSLA'] });
    expect(single.status).toBe(201);
    const one = (await single.json()) as NewsJson;
    expect(one).toMatchObject({ id: 1, headline: 'Tesla shares slump after regulator opens probe', symbols: ['TSLA'] });
    expect(Date.parse(one.created_at)).toBeGreaterThanOrEqual(before - 1);

    const many = await adminRequest<NewsJson[]>(exchange.url, 'POST', '/admin/news', [
      { headline: 'Ethereum rallies after fund inflows hit a record', symbols: ['ETH/USD'], created_at: '2024-05-01T10:00:00Z' },
      { headline: 'Ford names new head of investor relations', symbols: ['F'], created_at: '2024-05-01T09:00:00Z' },
    ]);
    expect(many.map((article) => [article.id, article.symbols])).toEqual([[2, ['ETHUSD']], [3, ['F']]]);
  });

  it('lists the posted articles oldest first, clears them, and never reuses an id', async () => {
    await adminRequest(exchange.url, 'POST', '/admin/news', [
      { headline: 'second', symbols: ['AAPL'], created_at: '2024-05-01T10:00:00Z' },
      { headline: 'first', symbols: ['AAPL'], created_at: '2024-05-01T09:00:00Z' },
    ]);
    const listed = await adminRequest<NewsJson[]>(exchange.url, 'GET', '/admin/news');
    expect(listed.map((article) => [article.headline, article.id])).toEqual([['first', 2], ['second', 1]]);

    expect(await adminRequest(exchange.url, 'DELETE', '/admin/news')).toEqual({ deleted: 2 });
    expect(await adminRequest(exchange.url, 'GET', '/admin/news')).toEqual([]);
    expect((await adminRequest<NewsJson>(exchange.url, 'POST', '/admin/news', { headline: 'third', symbols: [] })).id).toBe(3);
  });

  it('keeps posted articles across a restart', async () => {
    await adminRequest(exchange.url, 'POST', '/admin/news', { headline: 'persisted', symbols: ['AAPL'], created_at: '2024-05-01T09:00:00Z' });
    await exchange.close();
    exchange = await startExchange({ priceDrift: false, dataFile: join(dir, 'exchange.db') });
    expect((await adminRequest<NewsJson[]>(exchange.url, 'GET', '/admin/news')).map((article) => [article.id, article.headline])).toEqual([[1, 'persisted']]);
    expect((await adminRequest<NewsJson>(exchange.url, 'POST', '/admin/news', { headline: 'next', symbols: [] })).id).toBe(2);
  });

  it.each([
    [{ symbols: ['AAPL'] }, 'headline must be a non-empty string'],
    [{ headline: 'h', symbols: 'AAPL' }, 'symbols must be an array of tickers, e.g. ["AAPL", "BTC/USD"]'],
    [[{ headline: 'h', symbols: [], created_at: 'now' }], 'news[0].created_at must be an RFC 3339 time, e.g. 2024-05-01T14:30:00Z'],
    [[], 'news must be one article or an array of 1 to 1000 articles'],
  ])('answers 400 to %j and stores nothing', async (body, message) => {
    const response = await post(exchange, body);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ code: 40010000, message });
    expect(await adminRequest(exchange.url, 'GET', '/admin/news')).toEqual([]);
  });
});
