import type { Alpaca } from '@alpacahq/alpaca-trade-api';
import { startExchange, type ExchangeHandle } from '../exchange';
import { adminRequest, createPaperAccount, setFaults, type PaperAccount } from '../testing/admin-client';
import { sdkClient } from '../testing/sdk-client';

interface NewsJson {
  id: number;
  headline: string;
  content: string;
  symbols: string[];
  created_at: string;
}
interface NewsPage {
  news: NewsJson[];
  next_page_token: string | null;
}

const at = (minute: number) => new Date(Date.parse('2024-05-01T14:00:00Z') + minute * 60_000).toISOString();
// Scripted like a test would: three symbols, one minute apart, one article without content.
const SCRIPT = [
  { headline: 'Apple beats earnings expectations, raises guidance', symbols: ['AAPL'], created_at: at(0), content: '<p>Apple</p>' },
  { headline: 'Microsoft shares slump after regulator opens probe', symbols: ['MSFT'], created_at: at(1), content: '<p>Microsoft</p>' },
  { headline: 'Bitcoin surges as institutional buyers return', symbols: ['BTC/USD'], created_at: at(2), content: '<p>Bitcoin</p>' },
  { headline: 'Apple and Microsoft to present at industry conference', symbols: ['AAPL', 'MSFT'], created_at: at(3) },
  { headline: 'Apple wins major contract, shares rally', symbols: ['AAPL'], created_at: at(4), content: '<p>Apple again</p>' },
];

describe('GET /v1beta1/news', () => {
  let exchange: ExchangeHandle;
  let account: PaperAccount;
  let alpaca: Alpaca;

  const news = async (query: string): Promise<NewsPage> => {
    const response = await fetch(`${exchange.url}/v1beta1/news?${query}`, {
      headers: { 'APCA-API-KEY-ID': account.key_id, 'APCA-API-SECRET-KEY': account.secret_key },
    });
    expect(response.status).toBe(200);
    return (await response.json()) as NewsPage;
  };
  const headlines = (page: NewsPage) => page.news.map((article) => article.headline.split(' ')[0] + '@' + article.created_at.slice(14, 16));

  beforeAll(async () => {
    exchange = await startExchange({ priceDrift: false });
    account = await createPaperAccount(exchange.url);
    alpaca = sdkClient(exchange.url, account);
    await adminRequest(exchange.url, 'POST', '/admin/news', SCRIPT);
  });
  afterAll(() => exchange.close());

  it('answers newest first, 10 by default, in Alpaca\'s shape', async () => {
    const page = await news('');
    expect(headlines(page)).toEqual(['Apple@04', 'Apple@03', 'Bitcoin@02', 'Microsoft@01', 'Apple@00']);
    expect(page.next_page_token).toBeNull();
    expect(page.news[2]).toEqual({
      id: expect.any(Number),
      headline: 'Bitcoin surges as institutional buyers return',
      author: 'Paper Exchange Newsroom',
      created_at: '2024-05-01T14:02:00.000Z',
      updated_at: '2024-05-01T14:02:00.000Z',
      summary: '',
      content: '',
      url: null,
      images: [],
      symbols: ['BTCUSD'],
      source: 'paper-exchange',
    });
  });

  it.each([
    ['symbols=AAPL', ['Apple@04', 'Apple@03', 'Apple@00']],
    ['symbols=msft,NOPE', ['Apple@03', 'Microsoft@01']],
    ['symbols=BTC/USD', ['Bitcoin@02']],
    ['symbols=BTCUSD', ['Bitcoin@02']],
    [`start=${at(1)}&end=${at(3)}`, ['Apple@03', 'Bitcoin@02', 'Microsoft@01']],
    [`symbols=AAPL&start=${at(1)}&sort=asc`, ['Apple@03', 'Apple@04']],
    ['sort=asc&limit=2', ['Apple@00', 'Microsoft@01']],
    ['exclude_contentless=true&symbols=AAPL', ['Apple@04', 'Apple@00']],
  ])('filters %s', async (query, expected) => {
    expect(headlines(await news(query))).toEqual(expected);
  });

  it('sends content only when include_content is true', async () => {
    expect((await news('symbols=AAPL&limit=1')).news[0].content).toBe('');
    expect((await news('symbols=AAPL&limit=1&include_content=true')).news[0].content).toBe('<p>Apple again</p>');
  });

  it.each(['desc', 'asc'])('pages through everything with limit and next_page_token (%s)', async (sort) => {
    const seen: string[] = [];
    let token: string | null = null;
    const sizes: number[] = [];
    do {
      const page: NewsPage = await news(`sort=${sort}&limit=2${token ? `&page_token=${encodeURIComponent(token)}` : ''}`);
      sizes.push(page.news.length);
      seen.push(...headlines(page));
      token = page.next_page_token;
    } while (token);
    expect(sizes).toEqual([2, 2, 1]);
    const all = headlines(await news(`sort=${sort}`));
    expect(seen).toEqual(all);
  });

  it('keeps articles published after `end` (default now) out', async () => {
    const future = new Date(Date.now() + 3_600_000).toISOString();
    await adminRequest(exchange.url, 'POST', '/admin/news', { headline: 'Ford schedules quarterly earnings call', symbols: ['F'], created_at: future });
    expect((await news('symbols=F')).news).toEqual([]);
    expect(headlines(await news(`symbols=F&end=${encodeURIComponent(new Date(Date.now() + 7_200_000).toISOString())}`))).toEqual(['Ford@' + future.slice(14, 16)]);
  });

  it('is readable through the SDK, with Dates and keys', async () => {
    const page = await alpaca.marketData.news.news({ symbols: 'AAPL,BTCUSD', start: new Date(at(2)), end: new Date(at(4)), sort: 'asc', limit: 2 });
    expect(page.news.map((article) => [article.headline, article.symbols, article.createdAt])).toEqual([
      ['Bitcoin surges as institutional buyers return', ['BTCUSD'], new Date(at(2))],
      ['Apple and Microsoft to present at industry conference', ['AAPL', 'MSFT'], new Date(at(3))],
    ]);
    const next = await alpaca.marketData.news.news({ symbols: 'AAPL,BTCUSD', start: new Date(at(2)), end: new Date(at(4)), sort: 'asc', limit: 2, pageToken: page.nextPageToken! });
    expect(next.news.map((article) => article.headline)).toEqual(['Apple wins major contract, shares rally']);
    expect(next.nextPageToken).toBeNull();
  });

  it.each([
    ['limit=0', 'invalid limit: must be an integer between 1 and 50'],
    ['limit=51', 'invalid limit: must be an integer between 1 and 50'],
    ['sort=newest', 'invalid sort: must be "asc" or "desc", got "newest"'],
    ['start=yesterday', 'invalid start: must be an RFC 3339 time such as 2024-05-01T14:30:00Z, got "yesterday"'],
    [`start=${at(3)}&end=${at(1)}`, 'invalid start: must not be after end'],
    ['symbols=AA%20PL', 'invalid symbols: "AA PL" is not a ticker'],
    ['include_content=yes', 'invalid include_content: must be true or false, got "yes"'],
    ['page_token=bm9wZQ', 'invalid page_token: pass next_page_token from the previous answer as is'],
  ])('answers 400 to %s', async (query, message) => {
    const response = await fetch(`${exchange.url}/v1beta1/news?${query}`, {
      headers: { 'APCA-API-KEY-ID': account.key_id, 'APCA-API-SECRET-KEY': account.secret_key },
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ code: 40010000, message });
  });

  it('needs keys like Alpaca, and takes the injected faults', async () => {
    expect((await fetch(`${exchange.url}/v1beta1/news`)).status).toBe(401);
    await setFaults(exchange.url, { error_rate: 1 });
    try {
      await expect(alpaca.marketData.news.news({ symbols: 'AAPL' })).rejects.toMatchObject({ status: 500 });
    } finally {
      await setFaults(exchange.url, { error_rate: 0 });
    }
  });
});
