import { startExchange, type ExchangeHandle } from '../exchange';
import { adminRequest, createPaperAccount, setFaults, setPrice, type PaperAccount } from '../testing/admin-client';
import { sdkClient } from '../testing/sdk-client';

describe('admin routes and injected faults', () => {
  let exchange: ExchangeHandle;
  let account: PaperAccount;

  beforeAll(async () => {
    exchange = await startExchange({ priceDrift: false, marketHours: 'always_open', seed: 'faults' });
    account = await createPaperAccount(exchange.url);
  });
  afterAll(() => exchange.close());
  afterEach(() => setFaults(exchange.url, { error_rate: 0, latency_ms: 0, rate_limit_per_minute: null }));

  it('creates accounts with Alpaca-shaped paper keys and the requested cash', async () => {
    expect(account.key_id).toMatch(/^PK[A-Z0-9]{18}$/);
    expect(account.secret_key).toHaveLength(40);
    const rich = await createPaperAccount(exchange.url, 1_000_000);
    expect((await sdkClient(exchange.url, rich).trading.account.getAccount()).cash).toBe('1000000');
  });

  it.each([
    ['/admin/accounts', { cash: -5 }, 400],
    ['/admin/prices', { symbol: 'NOPE', price: 10 }, 404],
    ['/admin/prices', { symbol: 'AAPL', price: 0 }, 400],
    ['/admin/bars', { symbol: 'AAPL', timeframe: '1Min', bars: [] }, 400],
    ['/admin/bars', { symbol: 'AAPL', timeframe: '1Min', bars: [{ o: 10, h: 9, l: 8, c: 9, v: 1 }] }, 400],
    ['/admin/clock', { is_open: 'yes' }, 400],
    ['/admin/faults', { error_rate: 2 }, 400],
    ['/admin/fills', { touch_fill_ratio: 0 }, 400],
    ['/admin/fills', { touch_fill_ratio: 1.01 }, 400],
    ['/admin/fills', { touch_fill_ratio: 'half' }, 400],
    ['/admin/fills', {}, 400],
  ])('POST %s %j answers %d', async (path, body, status) => {
    const response = await fetch(`${exchange.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({ code: expect.any(Number), message: expect.any(String) });
  });

  it('answers every API request with a 500 at error_rate 1, and admin routes stay reachable', async () => {
    await setFaults(exchange.url, { error_rate: 1 });
    await expect(sdkClient(exchange.url, account).trading.account.getAccount()).rejects.toMatchObject({
      status: 500,
      code: 50010000,
    });
    await expect(createPaperAccount(exchange.url)).resolves.toBeDefined();
  });

  it('fails about the requested share of requests', async () => {
    await setFaults(exchange.url, { error_rate: 0.5 });
    const client = sdkClient(exchange.url, account);
    const outcomes = await Promise.all(
      Array.from({ length: 60 }, () => client.trading.clock.legacyClock().then(() => 'ok', () => 'failed')),
    );
    const failed = outcomes.filter((outcome) => outcome === 'failed').length;
    expect(failed).toBeGreaterThan(15);
    expect(failed).toBeLessThan(45);
  });

  it('adds latency to API requests', async () => {
    await setFaults(exchange.url, { latency_ms: 150 });
    const started = Date.now();
    await sdkClient(exchange.url, account).trading.clock.legacyClock();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('enforces a per-account rate limit with 429 and X-RateLimit headers', async () => {
    await setFaults(exchange.url, { rate_limit_per_minute: 2 });
    const client = sdkClient(exchange.url, account);
    const failures: unknown[] = [];
    // Five calls against a budget of two: at least one 429 even if a minute boundary resets it.
    for (let i = 0; i < 5; i++) await client.trading.clock.legacyClock().catch((error: unknown) => failures.push(error));
    expect(failures.length).toBeGreaterThanOrEqual(1);
    expect(failures[0]).toMatchObject({ status: 429, name: 'RateLimitError', rateLimit: { limit: 2, remaining: 0 } });
  });

  it('reads and sets the touch fill ratio', async () => {
    expect(await adminRequest(exchange.url, 'GET', '/admin/fills')).toEqual({ touch_fill_ratio: 0.5 });
    try {
      expect(await adminRequest(exchange.url, 'POST', '/admin/fills', { touch_fill_ratio: 1 })).toEqual({ touch_fill_ratio: 1 });
      expect(await adminRequest(exchange.url, 'GET', '/admin/fills')).toEqual({ touch_fill_ratio: 1 });
      const response = await fetch(`${exchange.url}/admin/fills`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ touch_fill_ratio: 2 }),
      });
      expect(await response.json()).toEqual({ code: 40010000, message: 'touch_fill_ratio must be > 0 and <= 1, got 2' });
      expect(await adminRequest(exchange.url, 'GET', '/admin/fills')).toEqual({ touch_fill_ratio: 1 });
    } finally {
      await adminRequest(exchange.url, 'POST', '/admin/fills', { touch_fill_ratio: 0.5 });
    }
  });

  it('fills a touched limit order whole at ratio 1 and in part at 0.25', async () => {
    const fresh = await createPaperAccount(exchange.url);
    const client = sdkClient(exchange.url, fresh);
    await setPrice(exchange.url, 'KO', 60);
    try {
      await adminRequest(exchange.url, 'POST', '/admin/fills', { touch_fill_ratio: 1 });
      const whole = await client.trading.orders.limit({ symbol: 'KO', qty: 8, side: 'buy', limitPrice: 59, timeInForce: 'gtc' });
      await adminRequest(exchange.url, 'POST', '/admin/fills', { touch_fill_ratio: 0.25 });
      const part = await client.trading.orders.limit({ symbol: 'KO', qty: 8, side: 'buy', limitPrice: 58, timeInForce: 'gtc' });
      await adminRequest(exchange.url, 'POST', '/admin/fills', { touch_fill_ratio: 1 });
      await setPrice(exchange.url, 'KO', 59);
      expect(await client.trading.orders.getOrderByOrderID({ orderId: whole.id! })).toMatchObject({ status: 'filled', filledQty: '8' });
      await adminRequest(exchange.url, 'POST', '/admin/fills', { touch_fill_ratio: 0.25 });
      await setPrice(exchange.url, 'KO', 58);
      expect(await client.trading.orders.getOrderByOrderID({ orderId: part.id! })).toMatchObject({ status: 'partially_filled', filledQty: '2' });
    } finally {
      await adminRequest(exchange.url, 'POST', '/admin/fills', { touch_fill_ratio: 0.5 });
    }
  });

  it('lists an account\'s trade events in sequence', async () => {
    const fresh = await createPaperAccount(exchange.url);
    await sdkClient(exchange.url, fresh).trading.orders.market({ symbol: 'KO', qty: 1, side: 'buy' });
    const events = await adminRequest<Array<{ seq: number; event: string; position_qty: string }>>(
      exchange.url,
      'GET',
      `/admin/events?key_id=${fresh.key_id}`,
    );
    expect(events.map((event) => event.event)).toEqual(['new', 'fill']);
    expect(events[1].seq).toBeGreaterThan(events[0].seq);
    expect(events[1].position_qty).toBe('1');
  });
});
