import { startExchange, type ExchangeHandle } from '../../apps/exchange/src/exchange';
import { adminRequest, createPaperAccount } from '../../apps/exchange/src/testing/admin-client';
import { createAlpacaBroker } from './alpaca-broker';
import type { Broker } from './broker.port';

const BASE = Date.parse('2024-05-01T14:00:00Z');
const at = (minute: number) => new Date(BASE + minute * 60_000).toISOString();

describe('createAlpacaBroker getNews against the paper exchange', () => {
  let exchange: ExchangeHandle;
  let broker: Broker;

  beforeAll(async () => {
    exchange = await startExchange({ priceDrift: false });
    const account = await createPaperAccount(exchange.url);
    broker = createAlpacaBroker(
      { kind: 'key', keyId: account.key_id, secretKey: account.secret_key, environment: 'paper' },
      { tradingUrl: exchange.url, dataUrl: exchange.url },
      { rateLimit: false, retry: false },
    );
  });
  afterAll(() => exchange.close());
  beforeEach(() => adminRequest(exchange.url, 'DELETE', '/admin/news'));

  it('returns the articles since `start`, oldest first, as the port spells them', async () => {
    await adminRequest(exchange.url, 'POST', '/admin/news', [
      { headline: 'Apple misses earnings estimates and cuts outlook', symbols: ['AAPL'], created_at: at(0) },
      { headline: 'Bitcoin surges as institutional buyers return', summary: 'Buyers are back.', symbols: ['BTC/USD', 'ETH/USD'], created_at: at(2), url: 'https://news.test/2', source: 'benzinga' },
      { headline: 'Apple beats earnings expectations, raises guidance', symbols: ['AAPL'], created_at: at(3) },
      { headline: 'Tesla recalls products over safety concerns, shares fall', symbols: ['TSLA'], created_at: at(4) },
    ]);
    const news = await broker.getNews({ symbols: ['AAPL', 'BTC/USD'], start: new Date(at(1)), limit: 10 });
    expect(news).toEqual([
      {
        id: '2',
        headline: 'Bitcoin surges as institutional buyers return',
        summary: 'Buyers are back.',
        source: 'benzinga',
        // Asked as "BTC/USD", so given back that way; ETH was not asked for and keeps Alpaca's tag.
        symbols: ['BTC/USD', 'ETHUSD'],
        createdAt: '2024-05-01T14:02:00.000Z',
        url: 'https://news.test/2',
      },
      {
        id: '3',
        headline: 'Apple beats earnings expectations, raises guidance',
        summary: '',
        source: 'paper-exchange',
        symbols: ['AAPL'],
        createdAt: '2024-05-01T14:03:00.000Z',
      },
    ]);
  });

  it('keeps the newest `limit` articles, across several pages of 50', async () => {
    await adminRequest(
      exchange.url,
      'POST',
      '/admin/news',
      Array.from({ length: 120 }, (_, i) => ({ headline: `ETF headline ${i}`, symbols: ['SPY'], created_at: at(i) })),
    );
    const news = await broker.getNews({ symbols: ['SPY'], start: new Date(at(0)), limit: 105 });
    expect(news).toHaveLength(105);
    expect(news[0].headline).toBe('ETF headline 15');
    expect(news[104].headline).toBe('ETF headline 119');
    expect(news.map((article) => article.createdAt)).toEqual(news.map((article) => article.createdAt).sort());
  });

  it('asks for nothing without symbols', async () => {
    await adminRequest(exchange.url, 'POST', '/admin/news', { headline: 'Market news', symbols: ['AAPL'], created_at: at(0) });
    expect(await broker.getNews({ symbols: [], start: new Date(at(-1)), limit: 10 })).toEqual([]);
  });
});
