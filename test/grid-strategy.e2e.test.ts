import { startStrategyTestStack, exchangeAdmin, userWithPaperAccount, type StrategyTestStack } from './support/strategy-stack';
import { eventually } from './support/temporal';

type ExchangeOrder = { client_order_id: string; side: 'buy' | 'sell'; limit_price: string | null; qty: string; status: string };
const OPEN = ['new', 'accepted', 'partially_filled'];

/**
 * A user's spot grid end to end: API, worker (Temporal workflow, fill monitor), paper exchange
 * and database. Prices are moved with POST /admin/prices through three levels and back.
 */
describe.each([
  ['stream and poll', {}],
  ['poll only (no trade_updates stream)', { ORDER_FILL_STREAM: 'off' }],
])('spot grid driven by fills: %s', (_label, env) => {
  let stack: StrategyTestStack;
  let user: Awaited<ReturnType<typeof userWithPaperAccount>>;

  const orders = () => exchangeAdmin<ExchangeOrder[]>(stack, `/admin/orders?key_id=${user.keyId}`);
  const setPrice = (price: number) => exchangeAdmin(stack, '/admin/prices', { symbol: 'AAPL', price });
  const openOrders = async () => (await orders()).filter((o) => OPEN.includes(o.status)).map((o) => `${o.side} ${o.limit_price}`).sort();

  beforeAll(async () => {
    stack = await startStrategyTestStack('sqlite', { env: { ORDER_FILL_POLL_SECONDS: '1', ...env } });
    user = await userWithPaperAccount(stack);
    await exchangeAdmin(stack, '/admin/clock', { is_open: true });
    await setPrice(102);
  }, 120_000);

  afterAll(() => stack?.close());

  it('buys three levels down, sells them one level up on the way back, and shows three cycles', async () => {
    const created = await stack
      .http()
      .post('/api/strategies')
      .set('Authorization', user.auth)
      .send({
        name: 'AAPL grid',
        type: 'spot_grid',
        configuration: { symbol: 'AAPL', lower_price: 90, upper_price: 110, grid_count: 5, quantity_per_grid: 1 },
      })
      .expect(201);
    const id = created.body.id as string;
    await eventually(async () => (await openOrders()).join() === ['buy 100', 'buy 90', 'buy 95'].join(), 20_000);

    // Down through three levels: each filled buy is answered by a sell one level up.
    await setPrice(99);
    await eventually(async () => (await openOrders()).includes('sell 105'), 20_000);
    await setPrice(94);
    await eventually(async () => (await openOrders()).includes('sell 100'), 20_000);
    await setPrice(89);
    await eventually(async () => (await openOrders()).join() === ['sell 100', 'sell 105', 'sell 95'].join(), 20_000);

    // And back up: each filled sell is answered by a buy one level down.
    await setPrice(96);
    await eventually(async () => (await openOrders()).includes('buy 90'), 20_000);
    await setPrice(101);
    await eventually(async () => (await openOrders()).includes('buy 95'), 20_000);
    await setPrice(106);
    await eventually(async () => (await openOrders()).join() === ['buy 100', 'buy 90', 'buy 95'].join(), 20_000);

    const sequence = (await orders()).map((o) => `${o.side} ${o.limit_price} ${o.status}`);
    expect(sequence).toEqual([
      'buy 90 filled',
      'buy 95 filled',
      'buy 100 filled',
      'sell 105 filled',
      'sell 100 filled',
      'sell 95 filled',
      'buy 90 new',
      'buy 95 new',
      'buy 100 new',
    ]);
    const cids = (await orders()).map((o) => o.client_order_id);
    expect(new Set(cids).size).toBe(cids.length);

    const grid = await eventually(async () => {
      const res = await stack.http().get(`/api/strategies/${id}/grid`).set('Authorization', user.auth).expect(200);
      return res.body.filled_cycles === 3 ? res.body : undefined;
    });
    expect(grid.realized_profit_usd).toBeCloseTo(15);
    expect(grid.levels.map((l: { price: number }) => l.price)).toEqual([90, 95, 100, 105, 110]);

    const trades = await stack.http().get(`/api/strategies/${id}/trades`).set('Authorization', user.auth).expect(200);
    expect(trades.body).toHaveLength(6);
    const ordersApi = await stack.http().get(`/api/strategies/${id}/orders`).set('Authorization', user.auth).expect(200);
    expect(ordersApi.body.every((o: { grid_level: number | null }) => o.grid_level !== null)).toBe(true);

    // The workflow history holds one orderFilled signal per fill.
    const history = await stack.temporal.client.workflow.getHandle(`strategy-${id}`).fetchHistory();
    const signals = history.events!.filter((e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'orderFilled');
    expect(signals.length).toBeGreaterThanOrEqual(6);

    // A running grid's ladder cannot change under its orders; its reconcile interval and risk limits can.
    const ladder = { symbol: 'AAPL', lower_price: 90, upper_price: 110, grid_count: 5, quantity_per_grid: 1 };
    const refused = await stack.http().patch(`/api/strategies/${id}`).set('Authorization', user.auth).send({ configuration: { ...ladder, grid_count: 6 } }).expect(409);
    expect(refused.body.message).toMatch(/deactivate/);
    await stack
      .http()
      .patch(`/api/strategies/${id}`)
      .set('Authorization', user.auth)
      .send({ configuration: { ...ladder, interval_seconds: 3600, max_order_notional: 5_000 } })
      .expect(200);

    // Deactivating stops the grid and cancels its open orders at the broker.
    await stack.http().patch(`/api/strategies/${id}`).set('Authorization', user.auth).send({ is_active: false }).expect(200);
    await eventually(async () => (await openOrders()).length === 0, 20_000);
  }, 240_000);
});
