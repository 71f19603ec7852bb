import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startExchange } from './exchange';
import { adminRequest, createPaperAccount, setPrice } from './testing/admin-client';
import { sdkClient } from './testing/sdk-client';

describe('startExchange', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'paper-exchange-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps accounts, orders, positions, tokens and price overrides across a restart', async () => {
    const dataFile = join(dir, 'exchange.db');
    const first = await startExchange({ dataFile, priceDrift: false, marketHours: 'always_open' });
    const account = await createPaperAccount(first.url, 20_000);
    const { access_token } = await adminRequest<{ access_token: string }>(first.url, 'POST', '/admin/oauth/tokens', { key_id: account.key_id });
    await setPrice(first.url, 'NVDA', 100);
    const before = sdkClient(first.url, account);
    await before.trading.orders.market({ symbol: 'NVDA', qty: 10, side: 'buy', clientOrderId: 'persist-1' });
    const resting = await before.trading.orders.limit({ symbol: 'NVDA', qty: 5, side: 'sell', limitPrice: 120, timeInForce: 'gtc', clientOrderId: 'persist-2' });
    await first.close();

    const second = await startExchange({ dataFile, priceDrift: false, marketHours: 'always_open' });
    try {
      const after = sdkClient(second.url, account);
      expect(await after.trading.account.getAccount()).toMatchObject({ cash: '19000', equity: '20000' });
      expect(await after.trading.positions.getOpenPosition({ symbolOrAssetId: 'NVDA' })).toMatchObject({ qty: '10', currentPrice: '100' });
      expect((await after.trading.orders.getOrderByClientOrderId({ clientOrderId: 'persist-1' })).status).toBe('filled');
      expect((await after.trading.orders.getOrderByOrderID({ orderId: resting.id! })).status).toBe('new');
      await expect(after.trading.orders.market({ symbol: 'NVDA', qty: 1, side: 'buy', clientOrderId: 'persist-1' })).rejects.toMatchObject({ status: 422 });
      expect((await sdkClient(second.url, { accessToken: access_token }).trading.account.getAccount()).id).toBe(account.account_id);

      // The resting order still works after the restart.
      await setPrice(second.url, 'NVDA', 121);
      expect((await after.trading.orders.getOrderByOrderID({ orderId: resting.id! })).status).toBe('filled');
      const events = await adminRequest<Array<{ seq: number }>>(second.url, 'GET', `/admin/events?key_id=${account.key_id}`);
      expect(events.map((event) => event.seq)).toEqual([1, 2, 3, 4]);
    } finally {
      await second.close();
    }
  });

  it('keeps nothing without a data file', async () => {
    const first = await startExchange();
    const account = await createPaperAccount(first.url);
    await first.close();
    const second = await startExchange();
    try {
      await expect(sdkClient(second.url, account).trading.account.getAccount()).rejects.toMatchObject({ status: 401 });
    } finally {
      await second.close();
    }
  });

  it('gives the same seeded prices to two exchanges and different ones to another seed', async () => {
    const [a, b, c] = await Promise.all([startExchange({ seed: 's1' }), startExchange({ seed: 's1' }), startExchange({ seed: 's2' })]);
    try {
      const start = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - 5 * 3_600_000);
      const closes = async (url: string) => {
        const client = sdkClient(url, await createPaperAccount(url));
        const bars = await client.marketData.stocks.stockBarSingle({ symbol: 'QQQ', timeframe: '1Hour', start, limit: 4 });
        return bars.bars.map((bar) => bar.c);
      };
      const [ca, cb, cc] = await Promise.all([closes(a.url), closes(b.url), closes(c.url)]);
      expect(ca).toEqual(cb);
      expect(ca).not.toEqual(cc);
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });

  it.each([[0], [1.5], [Number.NaN]])('refuses to start with touchFillRatio %p', async (touchFillRatio) => {
    await expect(startExchange({ touchFillRatio })).rejects.toThrow(/^touchFillRatio must be/);
  });

  it('frees its port on close and tolerates a second close', async () => {
    const exchange = await startExchange();
    await exchange.close();
    await exchange.close();
    await expect(fetch(`${exchange.url}/health`)).rejects.toThrow();
  });

  it('answers unknown paths with Alpaca\'s 404 body', async () => {
    const exchange = await startExchange();
    try {
      const response = await fetch(`${exchange.url}/nowhere`);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ code: 40410000, message: 'endpoint not found: GET /nowhere' });
    } finally {
      await exchange.close();
    }
  });
});
