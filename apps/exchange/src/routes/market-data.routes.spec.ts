import type { Alpaca } from '@alpacahq/alpaca-trade-api';
import { startExchange, type ExchangeHandle } from '../exchange';
import { createPaperAccount, setBars, setPrice } from '../testing/admin-client';
import { sdkClient } from '../testing/sdk-client';

describe('market data through the SDK', () => {
  let exchange: ExchangeHandle;
  let alpaca: Alpaca;
  const hourAgo = () => new Date(Date.now() - 3_600_000);

  beforeAll(async () => {
    exchange = await startExchange({ seed: 'market-data-spec' });
    alpaca = sdkClient(exchange.url, await createPaperAccount(exchange.url));
  });
  afterAll(() => exchange.close());

  it('serves stock bars in Alpaca\'s shape, newest bar closing at the latest trade price', async () => {
    const single = await alpaca.marketData.stocks.stockBarSingle({ symbol: 'AAPL', timeframe: '1Min', start: hourAgo(), limit: 5, sort: 'desc' });
    expect(single.symbol).toBe('AAPL');
    expect(single.bars).toHaveLength(5);
    expect(single.nextPageToken).toEqual(expect.any(String));
    const [newest] = single.bars;
    expect(newest).toEqual({ t: expect.any(Date), o: expect.any(Number), h: expect.any(Number), l: expect.any(Number), c: expect.any(Number), v: expect.any(Number), n: expect.any(Number), vw: expect.any(Number) });
    expect(newest.t.getTime() % 60_000).toBe(0);
    const latest = await alpaca.marketData.stocks.stockLatestTradeSingle({ symbol: 'AAPL' });
    // Drift moves the price continuously: the two reads are milliseconds apart.
    expect(Math.abs(latest.trade.p - newest.c) / newest.c).toBeLessThan(0.001);
  });

  it('pages multi-symbol stock bars with next_page_token', async () => {
    const start = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 10 * 60_000);
    const first = await alpaca.marketData.stocks.stockBars({ symbols: 'AAPL,MSFT,NOPE', timeframe: '1Min', start, limit: 8 });
    expect(Object.keys(first.bars)).toEqual(['AAPL']);
    expect(first.bars.AAPL).toHaveLength(8);
    const second = await alpaca.marketData.stocks.stockBars({ symbols: 'AAPL,MSFT,NOPE', timeframe: '1Min', start, limit: 8, pageToken: first.nextPageToken! });
    expect(second.bars.AAPL.length + second.bars.MSFT.length).toBe(8);
  });

  it('returns admin bars oldest first with timestamps counting back from now, and moves the price', async () => {
    const series = [
      { o: 100, h: 101, l: 99, c: 100.5, v: 1000 },
      { o: 100.5, h: 103, l: 100, c: 102.5, v: 1500 },
      { o: 102.5, h: 106, l: 102, c: 105, v: 4000 },
    ];
    await setBars(exchange.url, 'TSLA', '5Min', series);
    const bars = (await alpaca.marketData.stocks.stockBarSingle({ symbol: 'TSLA', timeframe: '5Min', start: hourAgo(), limit: 3, sort: 'desc' })).bars.reverse();
    expect(bars.map((bar) => [bar.o, bar.h, bar.l, bar.v])).toEqual(series.map((bar) => [bar.o, bar.h, bar.l, bar.v]));
    expect(bars[1].t.getTime() - bars[0].t.getTime()).toBe(300_000);
    expect(bars[0].c).toBe(100.5);
    const latest = (await alpaca.marketData.stocks.stockLatestTradeSingle({ symbol: 'TSLA' })).trade.p;
    expect(Math.abs(latest - 105) / 105).toBeLessThan(0.001);
  });

  it('serves latest quotes around the trade price', async () => {
    await setPrice(exchange.url, 'SPY', 500);
    const { quote } = await alpaca.marketData.stocks.stockLatestQuoteSingle({ symbol: 'SPY' });
    expect(quote.bp).toBeLessThan(quote.ap);
    expect(Math.abs((quote.bp + quote.ap) / 2 - 500)).toBeLessThan(1);
  });

  it('serves crypto bars, latest trades and quotes without credentials', async () => {
    const bars = await alpaca.marketData.crypto.cryptoBars({ loc: 'us', symbols: 'BTC/USD,ETH/USD', timeframe: '1Hour', start: new Date(Date.now() - 86_400_000), limit: 3 });
    expect(Object.keys(bars.bars)).toEqual(['BTC/USD']);
    expect(bars.bars['BTC/USD'][0]).toMatchObject({ t: expect.stringMatching(/T\d\d:00:00Z$/), c: expect.any(Number) });
    const trades = await alpaca.marketData.crypto.cryptoLatestTrades({ loc: 'us', symbols: 'BTC/USD,ETH/USD' });
    expect(Object.keys(trades.trades).sort()).toEqual(['BTC/USD', 'ETH/USD']);
    expect(trades.trades['ETH/USD'].p).toBeGreaterThan(100);
    const quotes = await alpaca.marketData.crypto.cryptoLatestQuotes({ loc: 'us', symbols: 'BTC/USD' });
    expect(quotes.quotes['BTC/USD'].bp).toBeLessThan(quotes.quotes['BTC/USD'].ap);
    const anonymous = await fetch(`${exchange.url}/v1beta3/crypto/us/latest/trades?symbols=BTC%2FUSD`);
    expect(anonymous.status).toBe(200);
  });

  it.each([
    ['/v2/stocks/bars?symbols=AAPL&timeframe=7Years', 400],
    ['/v2/stocks/bars?timeframe=1Min', 400],
    ['/v2/stocks/AAPL/bars?timeframe=1Min&start=yesterday', 400],
    ['/v2/stocks/NOPE/trades/latest', 404],
  ])('answers %s with %d', async (path, status) => {
    const account = await createPaperAccount(exchange.url);
    const response = await fetch(`${exchange.url}${path}`, {
      headers: { 'APCA-API-KEY-ID': account.key_id, 'APCA-API-SECRET-KEY': account.secret_key },
    });
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({ code: expect.any(Number), message: expect.any(String) });
  });
});
