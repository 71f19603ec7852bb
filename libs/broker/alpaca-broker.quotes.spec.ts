import { startExchange, type ExchangeHandle } from '../../apps/exchange/src/exchange';
import { adminRequest, createPaperAccount, setPrice } from '../../apps/exchange/src/testing/admin-client';
import { createAlpacaBroker } from './alpaca-broker';
import { BrokerNotFoundError } from './broker.errors';
import type { Broker } from './broker.port';

describe('createAlpacaBroker: latest quotes and cross-pair positions against the paper exchange', () => {
  let exchange: ExchangeHandle;
  let broker: Broker;

  beforeAll(async () => {
    exchange = await startExchange({ priceDrift: false, marketHours: 'always_open' });
    const account = await createPaperAccount(exchange.url, 10_000);
    broker = createAlpacaBroker(
      { kind: 'key', keyId: account.key_id, secretKey: account.secret_key, environment: 'paper' },
      { tradingUrl: exchange.url, dataUrl: `${exchange.url}/` },
      { rateLimit: false, retry: false },
    );
    await setPrice(exchange.url, 'AAPL', 100);
    await setPrice(exchange.url, 'BTC/USD', 65_000);
    await setPrice(exchange.url, 'USDT/USD', 1);
  });
  afterAll(() => exchange.close());

  it.each([
    ['a stock', 'AAPL', 50, { bid: 99.75, ask: 100.25 }],
    ['a USD crypto pair', 'BTC/USD', 20, { bid: 64_935, ask: 65_065 }],
    ['a cross pair, in its quote currency', 'BTC/USDT', 10, { bid: 64_967.5, ask: 65_032.5 }],
  ])('reads the latest quote of %s with the exchange\'s spread', async (_name, symbol, spreadBps, expected) => {
    await adminRequest(exchange.url, 'POST', '/admin/quotes', { symbol, spread_bps: spreadBps });
    const quote = await broker.getLatestQuote(symbol);
    expect(quote).toEqual({ ...expected, bidSize: expect.any(Number), askSize: expect.any(Number), timestamp: expect.any(String) });
    expect(quote.bidSize).toBeGreaterThan(0);
    expect(Math.abs(Date.parse(quote.timestamp) - Date.now())).toBeLessThan(60_000);
    expect(quote.timestamp).toMatch(/Z$/);
  });

  it.each([['NOPE'], ['NOPE/USD']])('answers BrokerNotFoundError for %s, which has no quote', async (symbol) => {
    await expect(broker.getLatestQuote(symbol)).rejects.toBeInstanceOf(BrokerNotFoundError);
  });

  it('finds the base coin\'s position through a cross pair, and closes it for USD', async () => {
    await broker.placeOrder({ clientOrderId: 'q-usdt', symbol: 'USDT/USD', side: 'buy', type: 'market', timeInForce: 'gtc', qty: 1_000 });
    await broker.placeOrder({ clientOrderId: 'q-btc', symbol: 'BTC/USDT', side: 'buy', type: 'market', timeInForce: 'gtc', qty: 0.01 });
    expect(await broker.getPosition('BTC/USDT')).toMatchObject({ symbol: 'BTC/USD', qty: 0.01, avgEntryPrice: 65_000, marketValue: 650 });
    expect(await broker.getPosition('USDT/USD')).toMatchObject({ symbol: 'USDT/USD', qty: 350 });
    expect((await broker.getPositions()).map((position) => position.symbol)).toEqual(['BTC/USD', 'USDT/USD']);
    expect(await broker.getPosition('ETH/BTC')).toBeUndefined();

    expect(await broker.closePosition('BTC/USDT')).toMatchObject({ symbol: 'BTC/USD', side: 'sell', qty: 0.01, status: 'filled' });
    expect(await broker.getPosition('BTC/USD')).toBeUndefined();
    expect((await broker.getAccount()).cash).toBe(9_650);
  });
});
