import { startExchange, type ExchangeHandle } from '../../apps/exchange/src/exchange';
import { adminRequest, createPaperAccount, setBars, setMarketOpen, setPrice, type PaperAccount } from '../../apps/exchange/src/testing/admin-client';
import { createAlpacaBroker } from './alpaca-broker';
import type { Broker, BrokerCredentials } from './broker.port';

describe('createAlpacaBroker against the paper exchange', () => {
  let exchange: ExchangeHandle;
  let account: PaperAccount;
  let broker: Broker;

  const keyCredentials = (paper: PaperAccount): BrokerCredentials => ({
    kind: 'key',
    keyId: paper.key_id,
    secretKey: paper.secret_key,
    environment: 'paper',
  });
  const connect = (credentials: BrokerCredentials) =>
    createAlpacaBroker(credentials, { tradingUrl: exchange.url, dataUrl: `${exchange.url}/` }, { rateLimit: false, retry: false });

  beforeAll(async () => {
    exchange = await startExchange({ priceDrift: false, marketHours: 'always_open' });
  });
  afterAll(() => exchange.close());
  beforeEach(async () => {
    account = await createPaperAccount(exchange.url, 10_000);
    broker = connect(keyCredentials(account));
    await setPrice(exchange.url, 'AAPL', 100);
    await setPrice(exchange.url, 'ETH/USD', 2_000);
    await setMarketOpen(exchange.url, null);
  });

  it('reads the account as numbers', async () => {
    expect(await broker.getAccount()).toEqual({
      id: account.account_id,
      accountNumber: expect.stringMatching(/^PA\d{10}$/),
      status: 'ACTIVE',
      currency: 'USD',
      cash: 10_000,
      buyingPower: 20_000, // a Reg T margin account: 2 x equity
      nonMarginableBuyingPower: 10_000, // crypto is bought with cash only
      equity: 10_000,
      portfolioValue: 10_000,
    });
  });

  it('authenticates with an OAuth access token too', async () => {
    const { access_token } = await adminRequest<{ access_token: string }>(exchange.url, 'POST', '/admin/oauth/tokens', { key_id: account.key_id });
    const viaToken = connect({ kind: 'oauth', accessToken: access_token, environment: 'paper' });
    expect((await viaToken.getAccount()).id).toBe(account.account_id);
  });

  it('reads the clock with ISO timestamps', async () => {
    await setMarketOpen(exchange.url, false);
    const clock = await broker.getClock();
    expect(clock.isOpen).toBe(false);
    for (const time of [clock.timestamp, clock.nextOpen, clock.nextClose]) {
      expect(time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
  });

  it.each([
    ['AAPL', { symbol: 'AAPL', assetClass: 'us_equity', tradable: true, shortable: true, fractionable: true }],
    ['BTC/USD', { symbol: 'BTC/USD', assetClass: 'crypto', tradable: true, shortable: false, fractionable: true }],
  ])('reads asset %s', async (symbol, expected) => {
    expect(await broker.getAsset(symbol)).toEqual(expected);
  });

  it('returns the most recent bars oldest first, for stocks and crypto', async () => {
    const series = [1, 2, 3, 4, 5].map((i) => ({ o: 100 + i, h: 101 + i, l: 99 + i, c: 100.5 + i, v: 10 * i }));
    await setBars(exchange.url, 'AAPL', '1Day', series);
    const daily = await broker.getBars('AAPL', '1Day', 3);
    expect(daily.map((bar) => bar.c)).toEqual([103.5, 104.5, 105.5]);
    expect(daily[0]).toEqual({ t: expect.stringMatching(/T00:00:00\.000Z$/), o: 103, h: 104, l: 102, c: 103.5, v: 30 });
    expect(Date.parse(daily[2].t) - Date.parse(daily[1].t)).toBe(86_400_000);

    const crypto = await broker.getBars('ETH/USD', '15Min', 12);
    expect(crypto).toHaveLength(12);
    expect(crypto[11].c).toBe(2_000);
    expect(Date.parse(crypto[11].t)).toBeGreaterThan(Date.parse(crypto[0].t));
  });

  it('pages through more bars than one page holds', async () => {
    const bars = await broker.getBars('AAPL', '1Min', 10_050);
    expect(bars).toHaveLength(10_050);
    expect(Date.parse(bars[10_049].t) - Date.parse(bars[0].t)).toBe(10_049 * 60_000);
  });

  it('reads the latest price of a stock and of a crypto pair', async () => {
    expect(await broker.getLatestPrice('AAPL')).toBe(100);
    expect(await broker.getLatestPrice('ETH/USD')).toBe(2_000);
  });

  it('places orders and maps them to numbers', async () => {
    const placed = await broker.placeOrder({ clientOrderId: 'ap-1', symbol: 'AAPL', side: 'buy', type: 'market', timeInForce: 'day', qty: 3 });
    expect(placed).toEqual({
      id: expect.any(String),
      clientOrderId: 'ap-1',
      symbol: 'AAPL',
      side: 'buy',
      type: 'market',
      timeInForce: 'day',
      qty: 3,
      notional: null,
      limitPrice: null,
      status: 'filled',
      filledQty: 3,
      filledAvgPrice: 100,
      submittedAt: expect.stringMatching(/Z$/),
      filledAt: expect.stringMatching(/Z$/),
    });
    const notional = await broker.placeOrder({ clientOrderId: 'ap-2', symbol: 'ETH/USD', side: 'buy', type: 'market', timeInForce: 'gtc', notional: 0.1 + 99.9 });
    expect(notional).toMatchObject({ notional: 100, qty: null, filledQty: 0.05 });
  });

  it('rounds limit prices onto the tick grid instead of sending float noise', async () => {
    const order = await broker.placeOrder({ clientOrderId: 'ap-3', symbol: 'AAPL', side: 'buy', type: 'limit', timeInForce: 'gtc', qty: 1, limitPrice: 90.1 + 0.2 });
    expect(order).toMatchObject({ status: 'new', limitPrice: 90.3 });
  });

  it('finds an order by client_order_id, or answers undefined', async () => {
    const placed = await broker.placeOrder({ clientOrderId: 'ap-find', symbol: 'AAPL', side: 'buy', type: 'market', timeInForce: 'day', qty: 1 });
    expect(await broker.findOrderByClientOrderId('ap-find')).toEqual(placed);
    expect(await broker.findOrderByClientOrderId('ap-absent')).toBeUndefined();
  });

  it('gets, lists and cancels orders', async () => {
    const filled = await broker.placeOrder({ clientOrderId: 'l-1', symbol: 'AAPL', side: 'buy', type: 'market', timeInForce: 'day', qty: 1 });
    const open = await broker.placeOrder({ clientOrderId: 'l-2', symbol: 'AAPL', side: 'buy', type: 'limit', timeInForce: 'gtc', qty: 1, limitPrice: 50 });
    expect((await broker.getOrder(open.id)).status).toBe('new');
    expect((await broker.listOrders('open')).map((order) => order.id)).toEqual([open.id]);
    expect((await broker.listOrders('closed')).map((order) => order.id)).toEqual([filled.id]);
    await broker.cancelOrder(open.id);
    expect((await broker.getOrder(open.id)).status).toBe('canceled');
    expect((await broker.listOrders('all')).map((order) => order.id)).toEqual([open.id, filled.id]);
  });

  it('lists more orders than one page holds', async () => {
    const rich = await createPaperAccount(exchange.url, 10_000_000);
    const many = connect(keyCredentials(rich));
    for (let i = 0; i < 510; i++) {
      await many.placeOrder({ clientOrderId: `bulk-${i}`, symbol: 'AAPL', side: 'buy', type: 'limit', timeInForce: 'gtc', qty: 1, limitPrice: 10 });
    }
    const open = await many.listOrders('open');
    expect(open).toHaveLength(510);
    expect(new Set(open.map((order) => order.clientOrderId)).size).toBe(510);
    // 510 sequential placements take ~5 s on two busy cores.
  }, 30_000);

  it('reads, lists and closes positions, crypto under its slash symbol', async () => {
    await broker.placeOrder({ clientOrderId: 'p-1', symbol: 'AAPL', side: 'buy', type: 'market', timeInForce: 'day', qty: 4 });
    await broker.placeOrder({ clientOrderId: 'p-2', symbol: 'ETH/USD', side: 'buy', type: 'market', timeInForce: 'gtc', qty: 0.5 });
    await setPrice(exchange.url, 'AAPL', 110);
    expect(await broker.getPosition('AAPL')).toEqual({
      symbol: 'AAPL',
      qty: 4,
      side: 'long',
      avgEntryPrice: 100,
      marketValue: 440,
      currentPrice: 110,
      unrealizedPl: 40,
    });
    expect((await broker.getPositions()).map((position) => position.symbol)).toEqual(['AAPL', 'ETH/USD']);
    expect((await broker.getPosition('ETH/USD'))?.qty).toBe(0.5);

    const closing = await broker.closePosition('ETH/USD');
    expect(closing).toMatchObject({ symbol: 'ETH/USD', side: 'sell', qty: 0.5, status: 'filled' });
    expect(await broker.getPosition('ETH/USD')).toBeUndefined();
  });
});
