import { BotOrder } from '../libs/database/entities';
import { exchangeAdmin, startStrategyTestStack, userWithPaperAccount, type StrategyTestStack } from './support/strategy-stack';
import { eventually } from './support/temporal';
import { WorkerProcess } from './support/worker-process';

type ExchangeOrder = { client_order_id: string; side: 'buy' | 'sell'; status: string; limit_price: string };

/**
 * kill -9 of the worker during a burst of grid fills: after the restart every filled buy has
 * exactly one counter sell, and no client_order_id reached the exchange twice.
 */
describe('grid worker crash during a burst of fills', () => {
  let stack: StrategyTestStack;
  let worker: WorkerProcess;

  beforeAll(async () => {
    stack = await startStrategyTestStack('sqlite', { inProcessWorker: false, env: { ENCRYPTION_KEY: 'cd'.repeat(32) } });
    worker = new WorkerProcess(stack.config, { ORDER_FILL_POLL_SECONDS: '1' });
  }, 120_000);

  afterAll(async () => {
    await worker?.stop();
    await stack?.close();
  }, 60_000);

  it('answers every fill exactly once across a kill -9 and restart', async () => {
    const user = await userWithPaperAccount(stack, 100_000);
    const orders = () => exchangeAdmin<ExchangeOrder[]>(stack, `/admin/orders?key_id=${user.keyId}`);
    const sells = async () => (await orders()).filter((o) => o.side === 'sell');
    await exchangeAdmin(stack, '/admin/clock', { is_open: true });
    await exchangeAdmin(stack, '/admin/prices', { symbol: 'MSFT', price: 120.5 });

    const levels = 41; // 81, 82, ..., 121: forty buys below 120.5
    const created = await stack
      .http()
      .post('/api/strategies')
      .set('Authorization', user.auth)
      .send({ name: 'MSFT grid', type: 'spot_grid', configuration: { symbol: 'MSFT', lower_price: 81, upper_price: 121, grid_count: levels, quantity_per_grid: 1 } })
      .expect(201);
    const id = created.body.id as string;

    await worker.start();
    await eventually(async () => (await orders()).filter((o) => o.side === 'buy' && o.status === 'new').length === 40, 60_000, 200);

    // Every buy fills at once; kill the worker while it is answering them.
    await exchangeAdmin(stack, '/admin/prices', { symbol: 'MSFT', price: 79 });
    await eventually(async () => (await sells()).length >= 3, 60_000, 50);
    await worker.kill();
    const atKill = (await sells()).length;
    expect(atKill).toBeLessThan(40);

    await worker.start();
    await eventually(async () => (await sells()).length >= 40, 120_000, 200);
    // Give a duplicate a chance to show up before counting.
    await new Promise((r) => setTimeout(r, 3_000));
    await worker.stop('SIGTERM');

    const sent = await orders();
    const ids = sent.map((o) => o.client_order_id);
    expect(new Set(ids).size).toBe(ids.length);
    const sellPrices = (await sells()).map((o) => Number(o.limit_price)).sort((a, b) => a - b);
    expect(sellPrices).toEqual(Array.from({ length: 40 }, (_, i) => 82 + i));

    const rows = await stack.dataSource.getRepository(BotOrder).find({ where: { strategyId: id } });
    const buys = rows.filter((r) => r.side === 'buy');
    expect(buys).toHaveLength(40);
    for (const buy of buys) {
      expect(buy.counteredQty).toBe(1);
      expect(rows.filter((r) => r.parentOrderId === buy.id)).toHaveLength(1);
    }
  }, 300_000);
});
