import { exchangeAdmin, startStrategyTestStack, userWithPaperAccount, type StrategyTestStack } from './support/strategy-stack';
import { eventually } from './support/temporal';

type ExchangeOrder = { client_order_id: string; side: 'buy' | 'sell'; limit_price: string | null; status: string };
type RiskEvent = { id: string; user_id: string; strategy_id: string; rule: string; reason: string; details: Record<string, unknown>; created_at: string };
type Execution = { run_number: number; status: string; action: string; reason: string };
type PaperUser = Awaited<ReturnType<typeof userWithPaperAccount>>;

/**
 * The risk validator as a user meets it, on the full stack (API, worker, Temporal, paper
 * exchange): an order that breaks a limit holds the run with a risk event, and nothing reaches
 * the exchange; the user's own limits (PATCH /api/users/me/risk-limits) apply from the next run.
 */
describe('risk validator over the API', () => {
  let stack: StrategyTestStack;

  beforeAll(async () => {
    stack = await startStrategyTestStack('sqlite', { env: { ORDER_FILL_POLL_SECONDS: '1' } });
  }, 120_000);

  afterAll(() => stack?.close(), 60_000);

  const exchangeOrders = (user: PaperUser) => exchangeAdmin<ExchangeOrder[]>(stack, `/admin/orders?key_id=${user.keyId}`);
  const riskEvents = async (user: PaperUser, id: string): Promise<RiskEvent[]> =>
    (await stack.http().get(`/api/strategies/${id}/risk-events`).set('Authorization', user.auth).expect(200)).body;
  const executions = async (user: PaperUser, id: string): Promise<Execution[]> =>
    (await stack.http().get(`/api/strategies/${id}/executions`).set('Authorization', user.auth).expect(200)).body;

  async function createStrategy(user: PaperUser, body: Record<string, unknown>) {
    return (await stack.http().post('/api/strategies').set('Authorization', user.auth).send(body).expect(201)).body;
  }

  it("holds a DCA whose amount_per_buy breaks its max_order_notional: a risk event, and no order reaches the exchange", async () => {
    const user = await userWithPaperAccount(stack);
    const created = await createStrategy(user, {
      name: 'Oversized DCA',
      type: 'dca',
      auto_start: true,
      configuration: { symbol: 'BTC/USD', amount_per_buy: 200, allocated_capital: 1_000, max_order_notional: 100, interval_seconds: 3600 },
    });
    const reason = "max_order_notional: buy order of $200.00 of BTC/USD is above the strategy's max_order_notional $100.00";
    expect(created.initial_execution_result).toMatchObject({ run_number: 1, action: 'hold', reason: `risk: ${reason}` });
    expect(created.initial_execution_result.order).toBeUndefined();

    expect(await riskEvents(user, created.id)).toEqual([
      {
        id: expect.any(String),
        user_id: user.userId,
        strategy_id: created.id,
        rule: 'max_order_notional',
        reason: "buy order of $200.00 of BTC/USD is above the strategy's max_order_notional $100.00",
        details: expect.objectContaining({ order_notional: 200, max_order_notional: 100, limit_source: 'strategy', orders: [expect.objectContaining({ symbol: 'BTC/USD', notional: 200 })] }),
        created_at: expect.any(String),
      },
    ]);
    expect(await executions(user, created.id)).toEqual([expect.objectContaining({ run_number: 1, status: 'succeeded', action: 'hold', reason: `risk: ${reason}` })]);
    expect(await exchangeOrders(user)).toEqual([]);
    const orders = await stack.http().get(`/api/strategies/${created.id}/orders`).set('Authorization', user.auth).expect(200);
    expect(orders.body).toEqual([]);
  }, 60_000);

  it('shows the effective limits, and a lower max_order_notional set by PATCH makes a strategy that traded hold', async () => {
    const user = await userWithPaperAccount(stack);
    const limits = await stack.http().get('/api/users/me/risk-limits').set('Authorization', user.auth).expect(200);
    expect(limits.body).toMatchObject({ max_order_notional: 25_000, max_position_pct: 25, max_open_orders: 200, max_daily_loss: null, max_daily_loss_pct_of_equity: 5, stop_loss_cooldown_minutes: 60 });

    const created = await createStrategy(user, {
      name: 'ETH DCA',
      type: 'dca',
      auto_start: true,
      configuration: { symbol: 'ETH/USD', amount_per_buy: 50, allocated_capital: 1_000, interval_seconds: 3600 },
    });
    expect(created.initial_execution_result).toMatchObject({ action: 'buy', order: { status: 'filled' } });
    expect(await exchangeOrders(user)).toHaveLength(1);

    const bad = await stack.http().patch('/api/users/me/risk-limits').set('Authorization', user.auth).send({ max_order_notional: -1, max_open_orders: 1.5, max_leverage: 2 }).expect(400);
    expect([...bad.body.fields].sort()).toEqual(['max_leverage', 'max_open_orders', 'max_order_notional']);
    expect(bad.body.message).toEqual(expect.arrayContaining(['max_order_notional must be a number greater than 0 and at most 1000000000, or null to use the default']));
    await stack.http().patch('/api/users/me/risk-limits').set('Authorization', user.auth).send({}).expect(400);

    const lowered = await stack.http().patch('/api/users/me/risk-limits').set('Authorization', user.auth).send({ max_order_notional: 20 }).expect(200);
    expect(lowered.body).toMatchObject({ max_order_notional: 20, sources: { max_order_notional: 'user', max_position_pct: 'default' } });
    expect((await stack.http().get('/api/users/me/risk-limits').set('Authorization', user.auth).expect(200)).body.max_order_notional).toBe(20);

    const held = await stack.http().post(`/api/strategies/${created.id}/execute`).set('Authorization', user.auth).expect(200);
    expect(held.body).toMatchObject({ action: 'hold', reason: 'risk: max_order_notional: buy order of $50.00 of ETH/USD is above your max_order_notional $20.00' });
    expect(await exchangeOrders(user)).toHaveLength(1);
    expect((await riskEvents(user, created.id)).map((e) => [e.rule, e.details.limit_source])).toEqual([['max_order_notional', 'user']]);

    // null puts the default back, and the strategy trades again.
    const reset = await stack.http().patch('/api/users/me/risk-limits').set('Authorization', user.auth).send({ max_order_notional: null }).expect(200);
    expect(reset.body).toMatchObject({ max_order_notional: 25_000, sources: { max_order_notional: 'default' } });
    const traded = await stack.http().post(`/api/strategies/${created.id}/execute`).set('Authorization', user.auth).expect(200);
    expect(traded.body.action).toBe('buy');
    expect(await exchangeOrders(user)).toHaveLength(2);
  }, 60_000);

  it('holds an equity market order while the market is closed, with the reason', async () => {
    const user = await userWithPaperAccount(stack);
    await exchangeAdmin(stack, '/admin/clock', { is_open: false });
    try {
      const created = await createStrategy(user, {
        name: 'AAPL DCA',
        type: 'dca',
        auto_start: true,
        configuration: { symbol: 'AAPL', amount_per_buy: 50, allocated_capital: 500, interval_seconds: 3600 },
      });
      expect(created.initial_execution_result).toMatchObject({ action: 'hold', reason: expect.stringMatching(/^risk: market_closed: the equity market is closed/) });
      expect((await riskEvents(user, created.id)).map((e) => e.rule)).toEqual(['market_closed']);
      expect(await exchangeOrders(user)).toEqual([]);
    } finally {
      await exchangeAdmin(stack, '/admin/clock', { is_open: null });
    }
  }, 60_000);

  describe('grids', () => {
    const setPrice = (price: number) => exchangeAdmin(stack, '/admin/prices', { symbol: 'AAPL', price, frozen: true });
    const ladder = { symbol: 'AAPL', lower_price: 90, upper_price: 110, grid_count: 5, quantity_per_grid: 1 };

    beforeAll(async () => {
      await exchangeAdmin(stack, '/admin/clock', { is_open: true });
      await setPrice(102);
    });

    afterAll(() => exchangeAdmin(stack, '/admin/clock', { is_open: null }));

    it('refuses a set-up whose opening orders break max_open_orders as a whole: an error step, a risk event, no order', async () => {
      const user = await userWithPaperAccount(stack);
      const created = await createStrategy(user, { name: 'Too many levels', type: 'spot_grid', auto_start: true, configuration: { ...ladder, max_open_orders: 2 } });
      expect(created.initial_execution_result).toMatchObject({
        action: 'error',
        reason: "risk: max_open_orders: 0 open orders and 3 new would make 3, above the strategy's max_open_orders 2",
      });
      expect((await riskEvents(user, created.id)).map((e) => e.rule)).toEqual(['max_open_orders']);
      expect(await exchangeOrders(user)).toEqual([]);
      await stack.http().patch(`/api/strategies/${created.id}`).set('Authorization', user.auth).send({ is_active: false }).expect(200);
    }, 60_000);

    it('drops a counter order that breaks a limit: the fill counts as answered, the step holds with the reason', async () => {
      const user = await userWithPaperAccount(stack);
      const created = await createStrategy(user, { name: 'AAPL grid', type: 'spot_grid', configuration: ladder });
      const open = async () => (await exchangeOrders(user)).filter((o) => ['new', 'accepted', 'partially_filled'].includes(o.status)).map((o) => `${o.side} ${o.limit_price}`).sort();
      await eventually(async () => (await open()).join() === ['buy 100', 'buy 90', 'buy 95'].join(), 20_000);

      // Two orders stay open after the buy at 100 fills; the sell answering it would be the third.
      await stack.http().patch('/api/users/me/risk-limits').set('Authorization', user.auth).send({ max_open_orders: 2 }).expect(200);
      await setPrice(99);
      const events = await eventually(async () => {
        const found = await riskEvents(user, created.id);
        return found.length > 0 ? found : undefined;
      }, 20_000);
      expect(events).toEqual([expect.objectContaining({ rule: 'max_open_orders', reason: '2 open orders and 1 new would make 3, above your max_open_orders 2' })]);
      const step = await eventually(async () => (await executions(user, created.id)).find((run) => run.reason.startsWith('risk:')), 10_000);
      expect(step).toMatchObject({ status: 'succeeded', action: 'hold' });
      expect(step.reason).toMatch(/^risk: max_open_orders: .* left unanswered: /);

      // The fill is not answered later either (reconcile finds nothing left to answer).
      await stack.http().post(`/api/strategies/${created.id}/execute`).set('Authorization', user.auth).expect(200);
      expect(await open()).toEqual(['buy 90', 'buy 95']);
      expect((await exchangeOrders(user)).filter((o) => o.side === 'sell')).toEqual([]);
      expect(await riskEvents(user, created.id)).toHaveLength(1);
      await stack.http().patch(`/api/strategies/${created.id}`).set('Authorization', user.auth).send({ is_active: false }).expect(200);
    }, 90_000);
  });
});
