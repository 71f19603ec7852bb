import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Alpaca } from '@alpacahq/alpaca-trade-api';
import { startExchange, type ExchangeHandle } from '../exchange';
import { adminRequest, createPaperAccount, setPrice } from '../testing/admin-client';
import { sdkClient } from '../testing/sdk-client';

const setSpread = (url: string, symbol: string, spreadBps: unknown) => adminRequest(url, 'POST', '/admin/quotes', { symbol, spread_bps: spreadBps });

describe('quoted spreads through the admin routes and the SDK', () => {
  let exchange: ExchangeHandle;
  let alpaca: Alpaca;

  beforeAll(async () => {
    exchange = await startExchange({ priceDrift: false, marketHours: 'always_open' });
    alpaca = sdkClient(exchange.url, await createPaperAccount(exchange.url));
  });
  afterAll(() => exchange.close());
  beforeEach(async () => {
    await setPrice(exchange.url, 'AAPL', 200);
    await setPrice(exchange.url, 'BTC/USD', 60_000);
    await setPrice(exchange.url, 'USDT/USD', 1);
    for (const symbol of ['AAPL', 'BTC/USD', 'BTC/USDT']) await setSpread(exchange.url, symbol, null);
  });

  it('shows a symbol\'s spread in the stock latest quote: bid and ask half of it either side', async () => {
    expect((await alpaca.marketData.stocks.stockLatestQuoteSingle({ symbol: 'AAPL' })).quote).toMatchObject({ bp: 199.98, ap: 200.02 });
    expect(await setSpread(exchange.url, 'AAPL', 100)).toEqual({ symbol: 'AAPL', spread_bps: 100, default: false, price: 200, bid: 199, ask: 201 });
    expect((await alpaca.marketData.stocks.stockLatestQuoteSingle({ symbol: 'AAPL' })).quote).toMatchObject({ bp: 199, ap: 201 });
    const many = await alpaca.marketData.stocks.stockLatestQuotes({ symbols: 'AAPL' });
    expect(many.quotes.AAPL).toMatchObject({ bp: 199, ap: 201 });
  });

  it('shows it in crypto latest quotes, cross pairs included', async () => {
    await setSpread(exchange.url, 'BTC/USD', 50);
    await setSpread(exchange.url, 'BTCUSDT', '10');
    const { quotes } = await alpaca.marketData.crypto.cryptoLatestQuotes({ loc: 'us', symbols: 'BTC/USD,BTC/USDT' });
    expect(quotes['BTC/USD']).toMatchObject({ bp: 59_850, ap: 60_150 });
    expect(quotes['BTC/USDT']).toMatchObject({ bp: 59_970, ap: 60_030 });
  });

  it('keeps market orders filling at the trade price, not at the ask', async () => {
    await setSpread(exchange.url, 'AAPL', 1000);
    const order = await alpaca.trading.orders.market({ symbol: 'AAPL', qty: 1, side: 'buy' });
    expect(order.filledAvgPrice).toBe('200');
  });

  it('reads one symbol\'s spread, or every configured one with the defaults', async () => {
    expect(await adminRequest(exchange.url, 'GET', '/admin/quotes?symbol=BTC/USD')).toEqual({
      symbol: 'BTC/USD',
      spread_bps: 4,
      default: true,
      price: 60_000,
      bid: 59_988,
      ask: 60_012,
    });
    await setSpread(exchange.url, 'BTC/USDT', 25);
    expect(await adminRequest(exchange.url, 'GET', '/admin/quotes')).toEqual({
      spreads: [{ symbol: 'BTC/USDT', spread_bps: 25 }],
      default_spread_bps: { us_equity: 2, crypto: 4 },
    });
  });

  it.each([[0], [-5], [5001], ['wide'], [undefined]])('refuses spread_bps %p with a 400', async (spreadBps) => {
    await expect(setSpread(exchange.url, 'AAPL', spreadBps)).rejects.toThrow(/-> 400 .*spread_bps/);
  });

  it('answers 404 for an unknown symbol', async () => {
    await expect(setSpread(exchange.url, 'NOPE', 10)).rejects.toThrow(/-> 404/);
    await expect(adminRequest(exchange.url, 'GET', '/admin/quotes?symbol=NOPE')).rejects.toThrow(/-> 404/);
  });
});

describe('quoted spreads across a restart', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'paper-exchange-quotes-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('are kept in the exchange store', async () => {
    const dataFile = join(dir, 'exchange.db');
    const first = await startExchange({ dataFile, priceDrift: false });
    await setSpread(first.url, 'MSFT', 30);
    await first.close();
    const second = await startExchange({ dataFile, priceDrift: false });
    try {
      expect(await adminRequest(second.url, 'GET', '/admin/quotes?symbol=MSFT')).toMatchObject({ spread_bps: 30, default: false });
    } finally {
      await second.close();
    }
  });
});
