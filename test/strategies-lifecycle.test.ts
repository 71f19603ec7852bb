import { eventually } from './support/temporal';
import { breakoutBars, exchangeAdmin, startStrategyTestStack, userWithPaperAccount, type StrategyTestStack } from './support/strategy-stack';
import { registerUser } from './support/api-users';
import { saveBrokerCredentials } from '../libs/broker-accounts/save-broker-credentials';

interface ExchangeOrder {
  client_order_id: string;
  symbol: string;
  side: string;
  status: string;
}

/**
 * (Latency targets, such as "listed within 1 s", are measured by `npm run bench`, not here.)
 * The lifecycle a user drives through the API, on the full stack: creation schedules a workflow
 * before the API answers, runs accrue on the interval, manual runs go through the workflow,
 * deactivation stops it, and bad input changes nothing.
 */
describe.each(['sqlite', 'postgres'] as const)('strategy lifecycle over the API (%s)', (kind) => {
  let stack: StrategyTestStack;

  beforeAll(async () => {
    stack = await startStrategyTestStack(kind);
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
  }, 60_000);

  const workflowRunning = async (strategyId: string) => {
    const description = await stack.temporal.client.workflow.getHandle(`strategy-${strategyId}`).describe();
    return description.status.name === 'RUNNING';
  };

  it('creates a momentum strategy that trades at once, is scheduled at once, runs every 2 s, and stops when deactivated', async () => {
    const user = await userWithPaperAccount(stack);
    await exchangeAdmin(stack, '/admin/bars', { symbol: 'BTC/USD', timeframe: '5Min', bars: breakoutBars() });

    const created = await stack
      .http()
      .post('/api/strategies')
      .set('Authorization', user.auth)
      .send({
        name: 'BTC breakout',
        type: 'momentum_breakout',
        auto_start: true,
        configuration: { symbol: 'BTC/USD', allocated_capital: 1000, interval_seconds: 2 },
      })
      .expect(201);
    const strategyId: string = created.body.id;
    expect(created.body).toMatchObject({ is_active: true, workflow_id: `strategy-${strategyId}`, interval_seconds: 2 });
    expect(created.body.initial_execution_result).toMatchObject({ strategy_id: strategyId, run_number: 1, trigger: 'initial', action: 'buy' });
    const order = created.body.initial_execution_result.order;
    expect(order).toMatchObject({ symbol: 'BTC/USD', side: 'buy', status: 'filled' });

    const status = await eventually(async () => {
      const res = await stack.http().get('/api/strategies/scheduler/status').set('Authorization', user.auth).expect(200);
      return res.body.jobs.find((job: { strategy_id: string; next_run_time: string | null }) => job.strategy_id === strategyId && job.next_run_time)
        ? res.body
        : undefined;
    }, 5_000, 50);
    expect(status).toMatchObject({ scheduler_running: true, active_strategies: 1, scheduled_jobs: 1 });
    expect(status.total_scheduler_jobs).toBeGreaterThanOrEqual(1);
    expect(status.jobs[0]).toMatchObject({
      job_id: `strategy-${strategyId}`,
      strategy_name: 'BTC breakout',
      strategy_type: 'momentum_breakout',
      interval_seconds: 2,
    });
    expect(Date.parse(status.next_reload)).toBeGreaterThan(Date.now());

    // Executions accrue on the interval: the initial run plus scheduled ones.
    const executions = await eventually(async () => {
      const res = await stack.http().get(`/api/strategies/${strategyId}/executions`).set('Authorization', user.auth).expect(200);
      const succeeded = res.body.filter((run: { status: string }) => run.status === 'succeeded');
      return succeeded.length >= 3 ? res.body : undefined;
    }, 10_000, 200);
    // The newest run may still be in flight; none may have failed.
    expect(executions.filter((run: { status: string }) => run.status === 'failed')).toEqual([]);
    expect(executions.some((run: { trigger: string }) => run.trigger === 'scheduled')).toBe(true);

    const manual = await stack.http().post(`/api/strategies/${strategyId}/execute`).set('Authorization', user.auth).expect(200);
    expect(manual.body).toMatchObject({ strategy_id: strategyId, trigger: 'manual', action: 'hold' });
    expect(manual.body.reason).toMatch(/HOLD/);

    const orders = await stack.http().get(`/api/strategies/${strategyId}/orders`).set('Authorization', user.auth).expect(200);
    expect(orders.body).toHaveLength(1);
    expect(orders.body[0]).toMatchObject({ client_order_id: order.client_order_id, broker_order_id: order.broker_order_id });

    await stack.http().patch(`/api/strategies/${strategyId}`).set('Authorization', user.auth).send({ is_active: false }).expect(200);
    await eventually(async () => !(await workflowRunning(strategyId)), 5_000, 50);
    const settled = (await stack.http().get(`/api/strategies/${strategyId}/executions`).set('Authorization', user.auth)).body.length;
    await new Promise((r) => setTimeout(r, 2_500));
    const after = (await stack.http().get(`/api/strategies/${strategyId}/executions`).set('Authorization', user.auth)).body.length;
    expect(after).toBe(settled);

    const conflict = await stack.http().post(`/api/strategies/${strategyId}/execute`).set('Authorization', user.auth).expect(409);
    expect(conflict.body.message).toMatch(/inactive/);

    const sent = await exchangeAdmin<ExchangeOrder[]>(stack, `/admin/orders?key_id=${user.keyId}`);
    const ids = sent.map((o) => o.client_order_id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(sent).toHaveLength(1);

    // Reactivating starts the workflow again; deleting cancels it.
    await stack.http().patch(`/api/strategies/${strategyId}`).set('Authorization', user.auth).send({ is_active: true }).expect(200);
    expect(await workflowRunning(strategyId)).toBe(true);
    // The new workflow numbers its runs after the old one's: a run number (and so a
    // client_order_id) is never reused, and the run really executes instead of replaying an old result.
    const resumed = await stack.http().post(`/api/strategies/${strategyId}/execute`).set('Authorization', user.auth).expect(200);
    expect(resumed.body.run_number).toBe(after + 1);
    expect(Date.parse(resumed.body.executed_at)).toBeGreaterThan(Date.parse(manual.body.executed_at));
    await stack.http().delete(`/api/strategies/${strategyId}`).set('Authorization', user.auth).expect(204);
    await eventually(async () => !(await workflowRunning(strategyId)), 5_000, 50);
    await stack.http().get(`/api/strategies/${strategyId}`).set('Authorization', user.auth).expect(404);
  }, 60_000);

  it('records "Alpaca credentials not found" on the run and keeps the schedule when no account is connected', async () => {
    const user = await registerUser(stack);
    const created = await stack
      .http()
      .post('/api/strategies')
      .set('Authorization', user.auth)
      .send({ name: 'No account DCA', type: 'dca', auto_start: true, configuration: { symbol: 'AAPL', amount_per_buy: 50, allocated_capital: 500, interval_seconds: 3600 } })
      .expect(201);
    expect(created.body.initial_execution_result).toMatchObject({ action: 'error', error: 'Alpaca credentials not found' });
    const runs = await stack.http().get(`/api/strategies/${created.body.id}/executions`).set('Authorization', user.auth).expect(200);
    expect(runs.body[0]).toMatchObject({ status: 'failed', error: 'Alpaca credentials not found', attempts: 1 });
    expect(await workflowRunning(created.body.id)).toBe(true);
  }, 30_000);

  it('retries a run through a broker outage with backoff and places its order once', async () => {
    const user = await userWithPaperAccount(stack);
    const created = await stack
      .http()
      .post('/api/strategies')
      .set('Authorization', user.auth)
      .send({ name: 'DCA through outage', type: 'dca', configuration: { symbol: 'ETH/USD', amount_per_buy: 20, allocated_capital: 500, interval_seconds: 3600 } })
      .expect(201);
    await exchangeAdmin(stack, '/admin/faults', { error_rate: 1 });
    // supertest sends on then(): start the request now, while the broker is failing.
    const execution = stack.http().post(`/api/strategies/${created.body.id}/execute`).set('Authorization', user.auth).then((res) => res);
    // Activity retries back off 1 s, 2 s, ...: the broker comes back during them.
    await new Promise((r) => setTimeout(r, 2_500));
    await exchangeAdmin(stack, '/admin/faults', { error_rate: 0 });
    const result = await execution;
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ action: 'buy', order: { symbol: 'ETH/USD', notional: 20 } });

    const runs = await stack.http().get(`/api/strategies/${created.body.id}/executions`).set('Authorization', user.auth).expect(200);
    expect(runs.body[0]).toMatchObject({ status: 'succeeded', action: 'buy' });
    expect(runs.body[0].attempts).toBeGreaterThanOrEqual(2);
    expect(runs.body[0].attempts).toBeLessThanOrEqual(5);
    const sent = await exchangeAdmin<ExchangeOrder[]>(stack, `/admin/orders?key_id=${user.keyId}`);
    expect(sent).toHaveLength(1);
  }, 30_000);

  it('records "Alpaca token expired" when the OAuth token has expired', async () => {
    const user = await registerUser(stack);
    await saveBrokerCredentials(
      stack.dataSource,
      user.userId,
      { credentials: { kind: 'oauth', accessToken: 'expired-token', environment: 'paper' }, expiresAt: new Date(Date.now() - 60_000) },
      stack.config.encryptionKey,
    );
    const created = await stack
      .http()
      .post('/api/strategies')
      .set('Authorization', user.auth)
      .send({ name: 'Expired DCA', type: 'dca', auto_start: true, configuration: { symbol: 'AAPL', amount_per_buy: 50, allocated_capital: 500, interval_seconds: 3600 } })
      .expect(201);
    expect(created.body.initial_execution_result).toMatchObject({ action: 'error', error: 'Alpaca token expired' });
  }, 30_000);

  it.each([
    [{ name: 'x', type: 'dca' }, /configuration/],
    [{ name: '', type: 'dca', configuration: {} }, /name/],
    [{ name: 'x', type: 'moon_shot', configuration: {} }, /not a valid strategy type.*momentum_breakout/],
    [{ name: 'x', type: 'wheel_strategy', configuration: { symbol: 'AAPL' } }, /not supported yet/],
    [{ name: 'x', type: 'dca', configuration: { symbol: 'AAPL', amount_per_buy: -5, allocated_capital: 100 } }, /configuration\.amount_per_buy/],
    [{ name: 'x', type: 'dca', configuration: { symbol: 'AAPL', amount_per_buy: 5, allocated_capital: 100 }, is_active: 'yes' }, /is_active/],
  ])('answers 400 naming the problem, and writes and starts nothing, for %j', async (body, problem) => {
    const user = await registerUser(stack);
    const res = await stack.http().post('/api/strategies').set('Authorization', user.auth).send(body).expect(400);
    expect(JSON.stringify(res.body.message)).toMatch(problem);
    const list = await stack.http().get('/api/strategies').set('Authorization', user.auth).expect(200);
    expect(list.body).toEqual([]);
    const status = await stack.http().get('/api/strategies/scheduler/status').set('Authorization', user.auth).expect(200);
    expect(status.body.scheduled_jobs).toBe(0);
  });

  it("hides one user's strategies from another (404, not 403)", async () => {
    const owner = await registerUser(stack);
    const other = await registerUser(stack);
    const created = await stack
      .http()
      .post('/api/strategies')
      .set('Authorization', owner.auth)
      .send({ name: 'Mine', type: 'dca', is_active: false, configuration: { symbol: 'AAPL', amount_per_buy: 10, allocated_capital: 100 } })
      .expect(201);
    const id = created.body.id;
    for (const path of [`/api/strategies/${id}`, `/api/strategies/${id}/orders`, `/api/strategies/${id}/executions`]) {
      await stack.http().get(path).set('Authorization', other.auth).expect(404);
    }
    await stack.http().patch(`/api/strategies/${id}`).set('Authorization', other.auth).send({ is_active: true }).expect(404);
    await stack.http().post(`/api/strategies/${id}/execute`).set('Authorization', other.auth).expect(404);
    await stack.http().delete(`/api/strategies/${id}`).set('Authorization', other.auth).expect(404);
    await stack.http().get('/api/strategies').set('Authorization', owner.auth).expect(200);
    expect((await stack.http().get('/api/strategies').set('Authorization', other.auth)).body).toEqual([]);
  });

  it('lists the strategy types with their intervals and configuration schemas', async () => {
    const user = await registerUser(stack);
    const res = await stack.http().get('/api/strategies/types').set('Authorization', user.auth).expect(200);
    expect(res.body).toHaveLength(17);
    const dca = res.body.find((t: { type: string }) => t.type === 'dca');
    expect(dca).toMatchObject({ interval_seconds: 86_400, supported: true, kind: 'interval' });
    expect(dca.configuration_schema.properties).toHaveProperty('amount_per_buy');
    expect(res.body.find((t: { type: string }) => t.type === 'smart_rebalance').interval_seconds).toBe(604_800);
  });
});
