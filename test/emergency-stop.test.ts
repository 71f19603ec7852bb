import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { StrategyReconcilerService } from '../apps/worker/src/reconciler/strategy-reconciler.service';
import { BotRiskEvent, TradingStrategy } from '../libs/database/entities';
import { ensureTemporalCli } from '../scripts/temporal-cli';
import { registerUser, type RegisteredUser } from './support/api-users';
import { exchangeAdmin, paperBrokerOf, startStrategyTestStack, userWithPaperAccount, type PaperUser, type StrategyTestStack } from './support/strategy-stack';
import { eventually } from './support/temporal';

type ExchangeOrder = { client_order_id: string; status: string };
type Trader = PaperUser;
const OPEN = ['new', 'accepted', 'partially_filled', 'pending_new'];
const GRID = { symbol: 'AAPL', lower_price: 90, upper_price: 110, grid_count: 5, quantity_per_grid: 1 };
const DCA_EVERY_SECOND = { symbol: 'SPY', amount_per_buy: 10, allocated_capital: 5_000, interval_seconds: 1 };

/**
 * "Stop" stops everything now, on the whole stack (API, worker, Temporal, paper exchange): the
 * user's emergency stop, with and without flatten, the operators' stop, and the Temporal CLI's
 * terminate-by-query, which the reconciler must not undo.
 */
describe('emergency controls', () => {
  let stack: StrategyTestStack;
  let operator: RegisteredUser;

  const ordersOf = (trader: Trader) => exchangeAdmin<ExchangeOrder[]>(stack, `/admin/orders?key_id=${trader.keyId}`);
  const openOrdersOf = async (trader: Trader) => (await ordersOf(trader)).filter((o) => OPEN.includes(o.status));
  const workflowStatus = async (strategyId: string) => (await stack.temporal.client.workflow.getHandle(`strategy-${strategyId}`).describe()).status.name;
  const runningWorkflowsOf = async (userId: string) => {
    const query = `TaskQueue = '${stack.config.temporal.taskQueue}' AND UserId = '${userId}' AND ExecutionStatus = 'Running'`;
    return (await stack.temporal.client.workflow.count(query)).count;
  };
  const isActive = async (strategyId: string) => (await stack.dataSource.getRepository(TradingStrategy).findOneByOrFail({ id: strategyId })).isActive;
  const stopAs = (user: RegisteredUser, body: object = {}, path = '/api/emergency/stop') => stack.http().post(path).set('Authorization', user.auth).send(body);

  async function createStrategy(trader: RegisteredUser, type: string, configuration: object, autoStart = false): Promise<string> {
    const res = await stack
      .http()
      .post('/api/strategies')
      .set('Authorization', trader.auth)
      .send({ name: `${type} of ${trader.email}`, type, auto_start: autoStart, configuration })
      .expect(201);
    return res.body.id;
  }

  /** A trader running a dca every second and a spot grid with three resting buys (the symbol's price is 102). */
  async function busyTrader(symbol: 'AAPL' | 'MSFT'): Promise<{ trader: Trader; dca: string; grid: string }> {
    const trader = await userWithPaperAccount(stack);
    const dca = await createStrategy(trader, 'dca', DCA_EVERY_SECOND, true);
    const grid = await createStrategy(trader, 'spot_grid', { ...GRID, symbol });
    await eventually(async () => (await openOrdersOf(trader)).length === 3, 20_000);
    return { trader, dca, grid };
  }

  beforeAll(async () => {
    stack = await startStrategyTestStack('sqlite', { env: { ORDER_FILL_POLL_SECONDS: '1' } });
    operator = await registerUser(stack); // the first user registered is the admin
    await exchangeAdmin(stack, '/admin/clock', { is_open: true });
    await exchangeAdmin(stack, '/admin/prices', { symbol: 'AAPL', price: 102, frozen: true });
    await exchangeAdmin(stack, '/admin/prices', { symbol: 'MSFT', price: 102, frozen: true });
  }, 120_000);

  afterAll(() => stack?.close(), 60_000);

  it('stops all of the caller\'s strategies at once, leaves no workflow and no open order, and leaves other users alone', async () => {
    const mine = await busyTrader('AAPL');
    const theirs = await busyTrader('MSFT');

    const pressed = Date.now();
    const res = await stopAs(mine.trader).expect(200);
    expect(Date.now() - pressed).toBeLessThan(5_000);
    expect(res.body).toEqual({
      strategies_stopped: 2,
      workflows_cancelled: 2,
      workflows_terminated: 0,
      orders_cancelled: 3,
      positions_closed: 0,
      failures: [],
    });
    // A dca run that found its strategy stopped may have ended its workflow just before the cancel.
    expect(['CANCELLED', 'COMPLETED']).toContain(await workflowStatus(mine.dca));
    expect(await workflowStatus(mine.grid)).toBe('CANCELLED');
    expect(await openOrdersOf(mine.trader)).toEqual([]);
    expect(await isActive(mine.dca)).toBe(false);
    expect(await isActive(mine.grid)).toBe(false);
    await eventually(async () => (await runningWorkflowsOf(mine.trader.userId)) === 0, 10_000);
    const events = await stack.dataSource.getRepository(BotRiskEvent).findBy({ userId: mine.trader.userId, rule: 'emergency_stop' });
    expect(events.map((e) => e.strategyId).sort()).toEqual([mine.dca, mine.grid].sort());

    // Nothing of that user trades any more: the dca (every second) sends nothing, the grid's price
    // walks through its old levels and nothing fills.
    const sent = (await ordersOf(mine.trader)).length;
    await exchangeAdmin(stack, '/admin/prices', { symbol: 'AAPL', price: 94, frozen: true });
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect((await ordersOf(mine.trader)).length).toBe(sent);
    expect((await ordersOf(mine.trader)).filter((o) => o.status === 'filled' && o.client_order_id.startsWith('ag-'))).toEqual([]);
    await exchangeAdmin(stack, '/admin/prices', { symbol: 'AAPL', price: 102, frozen: true });

    // The other user trades on.
    expect(await workflowStatus(theirs.dca)).toBe('RUNNING');
    expect(await workflowStatus(theirs.grid)).toBe('RUNNING');
    expect(await isActive(theirs.grid)).toBe(true);
    expect(await openOrdersOf(theirs.trader)).toHaveLength(3);

    // A second stop finds nothing left to do.
    const again = await stopAs(mine.trader).expect(200);
    expect(again.body).toMatchObject({ strategies_stopped: 0, workflows_cancelled: 0, orders_cancelled: 0, positions_closed: 0, failures: [] });
  }, 120_000);

  it('with flatten also closes the positions the strategies built', async () => {
    const trader = await userWithPaperAccount(stack);
    const dca = await createStrategy(trader, 'dca', DCA_EVERY_SECOND, true);
    const broker = paperBrokerOf(stack, trader);
    await eventually(async () => ((await broker.getPosition('SPY'))?.qty ?? 0) > 0, 10_000);

    const res = await stopAs(trader, { flatten: true }).expect(200);
    expect(res.body).toMatchObject({ strategies_stopped: 1, workflows_cancelled: 1, positions_closed: 1, failures: [] });
    expect(await broker.getPositions()).toEqual([]);
    expect(await workflowStatus(dca)).not.toBe('RUNNING');
    expect((await stopAs(trader, { flatten: true }).expect(200)).body).toMatchObject({ strategies_stopped: 0, positions_closed: 0 });
  }, 60_000);

  it('refuses a flatten that is not a boolean', async () => {
    const res = await stopAs(operator, { flatten: 'yes' }).expect(400);
    expect(res.body.message).toEqual(['flatten must be true or false']);
  });

  it('the Temporal CLI\'s terminate by query is not undone: the reconciler deactivates the strategy and records why', async () => {
    const trader = await userWithPaperAccount(stack);
    const grid = await createStrategy(trader, 'spot_grid', GRID);
    const dca = await createStrategy(trader, 'dca', { ...DCA_EVERY_SECOND, interval_seconds: 3_600 });
    const query = `StrategyType='spot_grid' AND UserId='${trader.userId}'`;
    const listed = async () => (await stack.temporal.client.workflow.count(`${query} AND ExecutionStatus='Running'`)).count === 1;
    await eventually(listed, 10_000);
    const runningRun = (await stack.temporal.client.workflow.getHandle(`strategy-${grid}`).describe()).runId;

    // What an operator types; scoped to this test's user so the shared test server's other grids live on.
    const cli = await ensureTemporalCli();
    const address = stack.config.temporal.address!;
    const namespace = stack.config.temporal.namespace;
    await promisify(execFile)(cli, ['workflow', 'terminate', '--address', address, '--namespace', namespace, '--query', query, '--reason', 'emergency: runaway grid', '--yes']);
    await eventually(async () => (await workflowStatus(grid)) === 'TERMINATED', 20_000);

    await eventually(async () => (await openOrdersOf(trader)).length === 3, 20_000);
    const reconcile = () => stack.worker!.get(StrategyReconcilerService).reconcileNow();
    const report = await reconcile();
    expect(report.deactivated).toEqual([grid]);
    // The terminated grid ran no clean-up: the reconciler cancels its resting orders.
    expect(await openOrdersOf(trader)).toEqual([]);
    expect(report.started).not.toContain(grid);
    expect(await isActive(grid)).toBe(false);
    expect(await isActive(dca)).toBe(true);
    const why = await stack.dataSource.getRepository(BotRiskEvent).findOneByOrFail({ strategyId: grid, rule: 'emergency_terminate' });
    expect(why.reason).toMatch(/terminated from outside \(reason: emergency: runaway grid\)/);
    expect(why.details).toMatchObject({ workflow_id: `strategy-${grid}`, run_id: runningRun, termination_reason: 'emergency: runaway grid' });

    // No new workflow: the terminated run is still the latest, also after another pass.
    expect((await reconcile()).started).not.toContain(grid);
    const latest = await stack.temporal.client.workflow.getHandle(`strategy-${grid}`).describe();
    expect({ runId: latest.runId, status: latest.status.name }).toEqual({ runId: runningRun, status: 'TERMINATED' });

    // Reactivated on purpose (the guide's SQL), it runs again: a termination is honoured once.
    await stack.dataSource.getRepository(TradingStrategy).update(grid, { isActive: true });
    expect((await reconcile()).started).toContain(grid);
    expect(await workflowStatus(grid)).toBe('RUNNING');
    await stopAs(trader).expect(200);
  }, 90_000);

  it('a manual execute does not undo a terminate either: 409, and the strategy is deactivated', async () => {
    const trader = await userWithPaperAccount(stack);
    const dca = await createStrategy(trader, 'dca', { ...DCA_EVERY_SECOND, interval_seconds: 3_600 });
    await eventually(async () => (await workflowStatus(dca)) === 'RUNNING', 10_000);
    const cli = await ensureTemporalCli();
    await promisify(execFile)(cli, [
      'workflow', 'terminate', '--address', stack.config.temporal.address!, '--namespace', stack.config.temporal.namespace,
      '--workflow-id', `strategy-${dca}`, '--reason', 'operator stop',
    ]);
    await eventually(async () => (await workflowStatus(dca)) === 'TERMINATED', 20_000);

    const refused = await stack.http().post(`/api/strategies/${dca}/execute`).set('Authorization', trader.auth).expect(409);
    expect(refused.body.message).toMatch(/terminated: operator stop/);
    expect(await isActive(dca)).toBe(false);
    expect(await workflowStatus(dca)).toBe('TERMINATED');
    expect(await stack.dataSource.getRepository(BotRiskEvent).countBy({ strategyId: dca, rule: 'emergency_terminate' })).toBe(1);
  }, 60_000);

  it('the operators\' stop is refused to a normal user and stops every user\'s strategies for an admin', async () => {
    const { trader, dca, grid } = await busyTrader('AAPL');
    const other = await busyTrader('MSFT');

    const refused = await stopAs(trader, {}, '/api/admin/emergency/stop').expect(403);
    expect(refused.body.message).toMatch(/operator role/);
    expect(await workflowStatus(grid)).toBe('RUNNING');

    // Earlier tests leave other users' strategies running too: everything active is stopped.
    const active = await stack.dataSource.getRepository(TradingStrategy).findBy({ isActive: true });
    const activeGrids = active.filter((s) => s.type === 'spot_grid').length;
    const res = await stopAs(operator, {}, '/api/admin/emergency/stop').expect(200);
    expect(res.body).toMatchObject({
      strategies_stopped: active.length,
      workflows_cancelled: active.length,
      workflows_terminated: 0,
      orders_cancelled: 3 * activeGrids,
      positions_closed: 0,
      failures: [],
    });
    const owners = new Set((await stack.dataSource.getRepository(TradingStrategy).find()).map((s) => s.userId));
    expect(res.body.users).toBe(owners.size);
    for (const id of [dca, grid, other.dca, other.grid]) {
      expect(await workflowStatus(id)).not.toBe('RUNNING');
      expect(await isActive(id)).toBe(false);
    }
    expect(await openOrdersOf(trader)).toEqual([]);
    expect(await openOrdersOf(other.trader)).toEqual([]);
    const audit = await stack.dataSource.getRepository(BotRiskEvent).findOneByOrFail({ strategyId: grid, rule: 'emergency_stop' });
    expect(audit.details).toMatchObject({ by: 'admin', actor_user_id: operator.userId });
  }, 120_000);
});
