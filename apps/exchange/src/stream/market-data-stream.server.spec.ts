import { streaming } from '@alpacahq/alpaca-trade-api';
import { WebSocket } from 'ws';
import { startExchange, type ExchangeHandle } from '../exchange';
import { createPaperAccount, setPrice, type PaperAccount } from '../testing/admin-client';
import { sdkClient } from '../testing/sdk-client';

jest.setTimeout(20_000);

async function until<T>(probe: () => T | undefined, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('market-data stream server', () => {
  let exchange: ExchangeHandle;
  let account: PaperAccount;
  const streams: streaming.MarketDataStream[] = [];
  const sockets: WebSocket[] = [];

  beforeAll(async () => {
    exchange = await startExchange({ priceDrift: false, marketHours: 'always_open' });
  });
  beforeEach(async () => {
    account = await createPaperAccount(exchange.url);
  });
  afterEach(() => {
    streams.splice(0).forEach((s) => s.disconnect());
    sockets.splice(0).forEach((ws) => ws.terminate());
  });
  afterAll(() => exchange.close());

  function sdkStream(kind: 'stock' | 'crypto', auth = account) {
    const alpaca = sdkClient(exchange.url, auth);
    const url = kind === 'stock' ? `${exchange.dataStreamUrl}/v2/iex` : `${exchange.dataStreamUrl}/v1beta3/crypto/us`;
    const stream = kind === 'stock' ? alpaca.marketData.stockStream({ url, reconnect: false }) : alpaca.marketData.cryptoStream({ url, reconnect: false });
    streams.push(stream);
    const trades: streaming.StreamTrade[] = [];
    const errors: string[] = [];
    stream.onTrade((trade) => trades.push(trade));
    stream.onError((message) => errors.push(message));
    return { stream, trades, errors };
  }

  it("serves the SDK's stockStream: msgpack auth, subscription, and a trade print on each price change", async () => {
    await setPrice(exchange.url, 'AAPL', 150);
    const { stream, trades } = sdkStream('stock');
    const subscribed = new Promise((resolve) => stream.on(streaming.EVENT.SUBSCRIPTION, resolve));
    stream.subscribeForTrades(['AAPL', 'BTC/USD', 'NOPE']);
    stream.connect();
    expect(await stream.waitForAuthentication(5_000)).toBe(true);
    await subscribed;
    // The stock feed serves equities only; unknown symbols are left out.
    expect(stream.getSubscriptions().trades).toEqual(['AAPL']);

    const sentAt = Date.now();
    await setPrice(exchange.url, 'AAPL', 147);
    const trade = await until(() => trades.find((t) => t.price === 147));
    expect(Date.now() - sentAt).toBeLessThan(1_000);
    expect(trade).toMatchObject({ symbol: 'AAPL', size: 100 });
    expect(Math.abs(trade.timestamp.getTime() - Date.now())).toBeLessThan(5_000);

    // Unchanged prices send nothing more.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(trades).toHaveLength(1);
  });

  it("serves the SDK's cryptoStream for crypto pairs", async () => {
    await setPrice(exchange.url, 'BTC/USD', 60_000);
    const { stream, trades } = sdkStream('crypto');
    stream.subscribeForTrades(['BTC/USD']);
    stream.connect();
    expect(await stream.waitForAuthentication(5_000)).toBe(true);
    await until(() => (stream.getSubscriptions().trades.length > 0 ? true : undefined));
    await setPrice(exchange.url, 'BTC/USD', 58_500.5);
    expect(await until(() => trades.find((t) => t.price === 58_500.5))).toMatchObject({ symbol: 'BTC/USD' });
  });

  it('refuses wrong keys with a terminal auth failure', async () => {
    const { stream } = sdkStream('stock', { ...account, secret_key: 'wrong' });
    stream.connect();
    const result = await stream.waitForAuthenticationResult(5_000);
    expect(result.authenticated).toBe(false);
    expect(result).toMatchObject({ code: 402 });
  });

  it('speaks JSON to a client that does not ask for msgpack, and wants auth before subscribing', async () => {
    const ws = new WebSocket(`${exchange.dataStreamUrl}/v2/iex`);
    sockets.push(ws);
    const frames: unknown[] = [];
    ws.on('message', (data, isBinary) => frames.push(isBinary ? 'binary' : JSON.parse(data.toString())));
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ action: 'subscribe', trades: ['AAPL'] }));
    ws.send(JSON.stringify({ action: 'auth', key: account.key_id, secret: account.secret_key }));
    ws.send(JSON.stringify({ action: 'subscribe', trades: ['AAPL'] }));
    await until(() => (frames.length >= 4 ? true : undefined));
    expect(frames).toEqual([
      [{ T: 'success', msg: 'connected' }],
      [{ T: 'error', code: 401, msg: 'not authenticated' }],
      [{ T: 'success', msg: 'authenticated' }],
      [expect.objectContaining({ T: 'subscription', trades: ['AAPL'] })],
    ]);
  });

  it('leaves the trade_updates stream and unknown paths as they were', async () => {
    const unknown = new WebSocket(`${exchange.dataStreamUrl}/v2/nope`);
    sockets.push(unknown);
    await expect(new Promise((resolve, reject) => unknown.once('open', resolve).once('error', reject))).rejects.toThrow(/404/);
    const trading = new WebSocket(exchange.streamUrl);
    sockets.push(trading);
    await new Promise((resolve) => trading.once('open', resolve));
  });
});
