import { BotOrder, StrategyExecution } from '../libs/database/entities';
import { clientOrderId } from '../libs/contracts';
import { exchangeAdmin, startStrategyTestStack, userWithPaperAccount, type StrategyTestStack } from './support/strategy-stack';
import { eventually } from './support/temporal';
import { WorkerProcess } from './support/worker-process';

/**
 * kill -9 of the worker while strategies trade: after a restart every strategy carries on, every
 * interrupted run completes exactly once, and no client_order_id ever reaches the exchange twice.
 */
describe('worker crash', () => {
  let stack: StrategyTestStack;
  let worker: WorkerProcess;

  beforeAll(async () => {
    stack = await startStrategyTestStack('sqlite', { inProcessWorker: false, env: { ENCRYPTION_KEY: 'ab'.repeat(32) } });
    worker = new WorkerProcess(stack.config);
  }, 120_000);

  afterAll(async () => {
    await worker?.stop();
    await stack?.close();
  }, 60_000);

  const succeededRuns = (strategyId: string) =>
    stack.dataSource.getRepository(StrategyExecution).countBy({ strategyId, status: 'succeeded' });

  it('loses nothing and duplicates nothing across a kill -9 and restart', async () => {
    const user = await userWithPaperAccount(stack, 1_000_000);
    const symbols = ['BTC/USD', 'ETH/USD', 'SOL/USD'];
    const ids: string[] = [];
    for (const symbol of symbols) {
      const res = await stack
        .http()
        .post('/api/strategies')
        .set('Authorization', user.auth)
        .send({ name: `DCA ${symbol}`, type: 'dca', configuration: { symbol, amount_per_buy: 10, allocated_capital: 100_000, interval_seconds: 1 } })
        .expect(201);
      ids.push(res.body.id);
    }

    await worker.start();
    await eventually(async () => (await Promise.all(ids.map(succeededRuns))).every((n) => n >= 3), 60_000, 200);
    await worker.kill();
    const atKill = await Promise.all(ids.map(succeededRuns));

    await worker.start();
    await eventually(async () => (await Promise.all(ids.map(succeededRuns))).every((n, i) => n >= atKill[i] + 3), 60_000, 200);
    await worker.stop('SIGTERM');
    expect(worker.logs).toContain('Worker stopped');

    // Runs interrupted by the kill were retried to completion: none is left running or failed.
    const runs = await stack.dataSource.getRepository(StrategyExecution).find();
    expect(runs.filter((r) => r.status !== 'succeeded')).toEqual([]);
    for (const id of ids) {
      const numbers = runs.filter((r) => r.strategyId === id).map((r) => r.runNumber).sort((a, b) => a - b);
      expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    }

    // Every buy run has exactly one order, acknowledged by the broker, under its own id.
    const orders = await stack.dataSource.getRepository(BotOrder).find();
    expect(orders.filter((o) => !o.brokerOrderId)).toEqual([]);
    expect(orders).toHaveLength(runs.length);
    for (const run of runs) {
      expect(orders.filter((o) => o.clientOrderId === clientOrderId(run.strategyId, run.runNumber))).toHaveLength(1);
    }

    const sent = await exchangeAdmin<Array<{ client_order_id: string }>>(stack, `/admin/orders?key_id=${user.keyId}`);
    const sentIds = sent.map((o) => o.client_order_id);
    expect(new Set(sentIds).size).toBe(sentIds.length);
    expect(sentIds.sort()).toEqual(orders.map((o) => o.clientOrderId).sort());
  }, 240_000);
});
