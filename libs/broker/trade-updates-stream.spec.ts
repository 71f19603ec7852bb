import { startExchange, type ExchangeHandle } from '../../apps/exchange/src/exchange';
import { adminRequest, createPaperAccount, setPrice, type PaperAccount } from '../../apps/exchange/src/testing/admin-client';
import { createAlpacaBroker } from './alpaca-broker';
import type { Broker, BrokerCredentials, TradeUpdate } from './broker.port';
import { subscribeTradeUpdates, type TradeStreamState, type TradeUpdatesStreamOptions, type TradeUpdatesSubscription } from './trade-updates-stream';

async function waitFor(condition: () => boolean, what: string, timeoutMs = 4_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('subscribeTradeUpdates against the paper exchange', () => {
  let exchange: ExchangeHandle;
  let account: PaperAccount;
  let broker: Broker;
  const open: TradeUpdatesSubscription[] = [];

  const keys = (paper: PaperAccount): Extract<BrokerCredentials, { kind: 'key' }> => ({ kind: 'key', keyId: paper.key_id, secretKey: paper.secret_key, environment: 'paper' });
  const brokerFor = (paper: PaperAccount) =>
    createAlpacaBroker(keys(paper), { tradingUrl: exchange.url, dataUrl: exchange.url }, { rateLimit: false, retry: false });

  /** Subscribes and records everything the handlers receive. */
  function listen(credentials: BrokerCredentials, options: TradeUpdatesStreamOptions = { initialReconnectMs: 50 }) {
    const seen = { updates: [] as TradeUpdate[], states: [] as TradeStreamState[], errors: [] as string[] };
    const subscription = subscribeTradeUpdates(
      credentials,
      { streamUrl: exchange.streamUrl },
      { onUpdate: (u) => seen.updates.push(u), onStateChange: (s) => seen.states.push(s), onError: (e) => seen.errors.push(e) },
      options,
    );
    open.push(subscription);
    const connected = (times = 1) => waitFor(() => seen.states.filter((s) => s === 'connected').length >= times, `connected x${times}`);
    return { seen, subscription, connected };
  }

  const buy = (clientOrderId: string, extra: { type?: 'market' | 'limit'; limitPrice?: number; qty?: number } = {}, via = broker) =>
    via.placeOrder({ symbol: 'AAPL', side: 'buy', type: extra.type ?? 'market', timeInForce: 'day', qty: extra.qty ?? 3, limitPrice: extra.limitPrice, clientOrderId });

  beforeAll(async () => {
    exchange = await startExchange({ priceDrift: false, marketHours: 'always_open' });
    await setPrice(exchange.url, 'AAPL', 100);
  });
  beforeEach(async () => {
    account = await createPaperAccount(exchange.url, 10_000);
    broker = brokerFor(account);
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });
  afterAll(() => exchange.close());

  it('authenticates, listens and reports connected', async () => {
    const { seen, connected } = listen(keys(account));
    await connected();
    expect(seen.states).toEqual(['connecting', 'connected']);
    expect(seen.errors).toEqual([]);
  });

  it('reports refused credentials and does not retry them', async () => {
    const { seen } = listen({ ...keys(account), secretKey: 'wrong-secret' });
    await waitFor(() => seen.errors.length > 0 && seen.states.at(-1) === 'disconnected', 'refusal');
    await sleep(200);
    expect(seen.errors).toEqual(['auth failed']);
    expect(seen.states).toEqual(['connecting', 'disconnected']);
    expect(seen.errors.join()).not.toContain('wrong-secret');
  });

  it('delivers new and fill for a market order with ids and quantities', async () => {
    const { seen, connected } = listen(keys(account));
    await connected();
    const order = await buy('mkt-1');
    await waitFor(() => seen.updates.some((u) => u.event === 'fill'), 'fill');
    expect(seen.updates.map((u) => u.event)).toEqual(['new', 'fill']);
    const [created, fill] = seen.updates;
    expect(created.order).toMatchObject({ id: order.id, clientOrderId: 'mkt-1', symbol: 'AAPL', qty: 3, filledQty: 0 });
    expect(created.price).toBeUndefined();
    expect(fill).toMatchObject({ price: 100, qty: 3, positionQty: 3, executionId: expect.any(String) });
    expect(fill.order).toMatchObject({ id: order.id, status: 'filled', filledQty: 3, filledAvgPrice: 100 });
    expect(fill.timestamp).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('delivers the fill of a limit order crossed by an admin price', async () => {
    const { seen, connected } = listen(keys(account));
    await connected();
    const order = await buy('lmt-1', { type: 'limit', limitPrice: 95, qty: 2 });
    await waitFor(() => seen.updates.length === 1, 'new');
    try {
      await setPrice(exchange.url, 'AAPL', 94);
      await waitFor(() => seen.updates.length === 2, 'fill');
    } finally {
      await setPrice(exchange.url, 'AAPL', 100);
    }
    expect(seen.updates[1]).toMatchObject({ event: 'fill', qty: 2, positionQty: 2, order: { id: order.id, status: 'filled', filledQty: 2 } });
    expect(seen.updates[1].price).toBeLessThanOrEqual(95);
  });

  it('delivers canceled', async () => {
    const { seen, connected } = listen(keys(account));
    await connected();
    const order = await buy('lmt-cancel', { type: 'limit', limitPrice: 50 });
    await broker.cancelOrder(order.id);
    await waitFor(() => seen.updates.some((u) => u.event === 'canceled'), 'canceled');
    expect(seen.updates.map((u) => [u.event, u.order.id])).toEqual([
      ['new', order.id],
      ['canceled', order.id],
    ]);
    expect(seen.updates[1].order.status).toBe('canceled');
  });

  it("does not deliver another account's events", async () => {
    const other = await createPaperAccount(exchange.url, 10_000);
    const { seen, connected } = listen(keys(account));
    await connected();
    await buy('other-1', {}, brokerFor(other));
    const mine = await buy('mine-1');
    await waitFor(() => seen.updates.some((u) => u.event === 'fill'), 'own fill');
    expect(new Set(seen.updates.map((u) => u.order.id))).toEqual(new Set([mine.id]));
  });

  it('streams for an OAuth access token', async () => {
    const { access_token } = await adminRequest<{ access_token: string }>(exchange.url, 'POST', '/admin/oauth/tokens', { key_id: account.key_id });
    const { seen, connected } = listen({ kind: 'oauth', accessToken: access_token, environment: 'paper' });
    await connected();
    const order = await buy('oauth-1');
    await waitFor(() => seen.updates.length === 2, 'two events');
    expect(seen.updates.map((u) => [u.event, u.order.id])).toEqual([
      ['new', order.id],
      ['fill', order.id],
    ]);
  });

  it('reconnects after the exchange drops the socket and keeps delivering', async () => {
    const { seen, connected } = listen(keys(account));
    await connected();
    expect(await adminRequest(exchange.url, 'POST', '/admin/streams/drop')).toEqual({ dropped: 1 });
    await connected(2);
    expect(seen.states).toEqual(['connecting', 'connected', 'disconnected', 'connecting', 'connected']);
    const order = await buy('after-drop');
    await waitFor(() => seen.updates.length === 2, 'events after reconnect');
    expect(seen.updates.every((u) => u.order.id === order.id)).toBe(true);
  });

  it('stops reconnecting once closed', async () => {
    const { seen, subscription, connected } = listen(keys(account), { initialReconnectMs: 150 });
    await connected();
    await adminRequest(exchange.url, 'POST', '/admin/streams/drop');
    await waitFor(() => seen.states.at(-1) === 'connecting', 'reconnect scheduled');
    await subscription.close();
    await sleep(400);
    expect(seen.states.filter((s) => s === 'connected')).toHaveLength(1);
    expect(await adminRequest(exchange.url, 'POST', '/admin/streams/drop')).toEqual({ dropped: 0 });
  });
});
