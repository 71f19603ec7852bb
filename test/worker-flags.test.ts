import type { AppConfig } from '../libs/config';
import { BotOrder, StrategyExecution } from '../libs/database/entities';
import { exchangeAdmin, startStrategyTestStack, userWithPaperAccount, type StrategyTestStack } from './support/strategy-stack';
import { eventually } from './support/temporal';

type ExchangeOrder = { side: string; limit_price: string | null; status: string };
const OPEN = ['new', 'accepted', 'partially_filled'];
const INTERVAL_SECONDS = 2;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * ENABLE_TRADING_SCHEDULER=false pauses the strategy workflows (interval and grid) while the
 * monitors go on; turned back on, a strategy runs once, not once per interval it missed.
 */
describe('worker flags', () => {
  let stack: StrategyTestStack;
  let user: Awaited<ReturnType<typeof userWithPaperAccount>>;

  async function restartWorker(flags: Partial<AppConfig> = {}): Promise<void> {
    await stack.stopWorker();
    await stack.startWorker(flags);
  }

  const runsOf = (strategyId: string) =>
    stack.dataSource.getRepository(StrategyExecution).find({ where: { strategyId }, order: { runNumber: 'ASC' } });
  const openAtExchange = async () =>
    (await exchangeAdmin<ExchangeOrder[]>(stack, `/admin/orders?key_id=${user.keyId}`)).filter((o) => OPEN.includes(o.status)).map((o) => `${o.side} ${o.limit_price}`).sort();

  beforeAll(async () => {
    stack = await startStrategyTestStack('sqlite', { inProcessWorker: false, env: { ORDER_FILL_POLL_SECONDS: '1' } });
    user = await userWithPaperAccount(stack);
    await exchangeAdmin(stack, '/admin/clock', { is_open: true });
    await exchangeAdmin(stack, '/admin/prices', { symbol: 'AAPL', price: 102, frozen: true });
    await stack.startWorker();
  }, 120_000);

  afterAll(() => stack?.close(), 60_000);

  it('pauses interval and grid workflows but not the fill monitor, and resumes with one run, not a catch-up burst', async () => {
    const create = (type: string, configuration: object) =>
      stack.http().post('/api/strategies').set('Authorization', user.auth).send({ name: type, type, configuration }).expect(201);
    const dca = (await create('dca', { symbol: 'SPY', amount_per_buy: 10, allocated_capital: 5_000, interval_seconds: INTERVAL_SECONDS })).body.id as string;
    await create('spot_grid', { symbol: 'AAPL', lower_price: 90, upper_price: 110, grid_count: 5, quantity_per_grid: 1 });
    await eventually(async () => (await openAtExchange()).join() === 'buy 100,buy 90,buy 95', 20_000);
    await eventually(async () => (await runsOf(dca)).length >= 1, 10_000);

    await restartWorker({ enableTradingScheduler: false });
    const pausedAt = Date.now();
    const runsBefore = (await runsOf(dca)).length;

    // The monitor still records the fill of the grid's buy at 100; the paused grid does not answer it.
    await exchangeAdmin(stack, '/admin/prices', { symbol: 'AAPL', price: 99, frozen: true });
    await eventually(async () => (await stack.dataSource.getRepository(BotOrder).findOneBy({ limitPrice: 100, side: 'buy', status: 'filled' })) ?? undefined, 10_000);
    // Three intervals missed.
    await sleep(Math.max(0, pausedAt + 3.5 * INTERVAL_SECONDS * 1000 - Date.now()));
    expect((await runsOf(dca)).length).toBe(runsBefore);
    expect(await openAtExchange()).toEqual(['buy 90', 'buy 95']);

    await restartWorker();
    // The grid answers the fill it missed, and the dca runs once...
    await eventually(async () => (await openAtExchange()).includes('sell 105'), 20_000);
    await eventually(async () => (await runsOf(dca)).length === runsBefore + 1, 15_000);
    // ...then waits a whole interval before the next run, instead of catching up (measured between
    // the runs' start times, so a slow poll of the database cannot make it look like a burst).
    const [resumed, next] = (await eventually(async () => {
      const runs = await runsOf(dca);
      return runs.length >= runsBefore + 2 ? runs.slice(runsBefore, runsBefore + 2) : undefined;
    }, 15_000));
    // A catch-up burst runs back to back (milliseconds apart). The rows' start times are the
    // activities', which lag the workflow's timer by task scheduling on a loaded box, so the bound
    // leaves half an interval for that lag rather than a tenth.
    expect(next.startedAt.getTime() - resumed.startedAt.getTime()).toBeGreaterThanOrEqual(INTERVAL_SECONDS * 1000 * 0.5);
  }, 120_000);
});
