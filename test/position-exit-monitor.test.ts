import { PositionExitMonitorService } from '../apps/worker/src/position-exit-monitor/position-exit-monitor.service';
import { TradingStrategy } from '../libs/database/entities';
import { strategyStatusQuery } from '../workflows/strategy/strategy.messages';
import { exchangeAdmin, startStrategyTestStack, userWithPaperAccount, type StrategyTestStack } from './support/strategy-stack';
import { eventually } from './support/temporal';

type ExchangeOrder = { client_order_id: string; side: 'buy' | 'sell'; type: string; qty: string | null; status: string; symbol: string };
type User = Awaited<ReturnType<typeof userWithPaperAccount>>;

/**
 * The position-exit monitor in the whole system (API, worker, paper exchange, database, Temporal):
 * a position bought by a strategy is closed within seconds of an admin price move crossing its
 * stop loss or trailing stop, exactly once, and the trailing stop's high survives a worker restart.
 * With the market-data stream, at the default 5 s poll; and with the poll alone, every second.
 */
describe.each<[string, Record<string, string>, number]>([
  ['market-data stream, 5 s poll', { POSITION_EXIT_POLL_SECONDS: '5' }, 2_000],
  ['poll only, every second', { POSITION_EXIT_POLL_SECONDS: '1', POSITION_EXIT_STREAM: 'off' }, 3_500],
])('position exit monitor: %s', (_label, env, closeWithinMs) => {
  let stack: StrategyTestStack;
  const streaming = env.POSITION_EXIT_STREAM !== 'off';

  beforeAll(async () => {
    stack = await startStrategyTestStack('sqlite', { env: { ORDER_FILL_POLL_SECONDS: '1', ...env } });
    await exchangeAdmin(stack, '/admin/clock', { is_open: true });
  }, 120_000);

  afterAll(() => stack?.close());

  const setPrice = (symbol: string, price: number) => exchangeAdmin(stack, '/admin/prices', { symbol, price, frozen: true });
  const ordersOf = (user: User) => exchangeAdmin<ExchangeOrder[]>(stack, `/admin/orders?key_id=${user.keyId}`);
  const exitOrdersOf = async (user: User) => (await ordersOf(user)).filter((o) => o.client_order_id.startsWith('ax-'));
  async function positionQty(user: User, symbol: string): Promise<number> {
    const res = await fetch(`${stack.exchange.url}/v2/positions/${symbol}`, { headers: { 'APCA-API-KEY-ID': user.keyId, 'APCA-API-SECRET-KEY': user.secretKey } });
    if (res.status === 404) return 0;
    return Number(((await res.json()) as { qty: string }).qty);
  }
  const exitEvents = async (user: User, id: string) =>
    (await stack.http().get(`/api/strategies/${id}/exit-events`).set('Authorization', user.auth).expect(200)).body as Array<Record<string, unknown>>;

  /** A DCA strategy with the given exit rules that bought $1,000 of `symbol` at 100 (10 shares). */
  async function dcaThatBought(user: User, symbol: string, exitRules: Record<string, number>): Promise<string> {
    await setPrice(symbol, 100);
    const created = await stack
      .http()
      .post('/api/strategies')
      .set('Authorization', user.auth)
      .send({ name: `${symbol} DCA`, type: 'dca', configuration: { symbol, amount_per_buy: 1000, allocated_capital: 5000, ...exitRules } })
      .expect(201);
    const id = created.body.id as string;
    const run = await stack.http().post(`/api/strategies/${id}/execute`).set('Authorization', user.auth).expect(200);
    expect(run.body.action).toBe('buy');
    await eventually(async () => (await positionQty(user, symbol)) === 10);
    await priceStreamFollows(user, symbol);
    return id;
  }

  /** With streaming on, waits until the worker's market-data stream of the account trades `symbol`. */
  async function priceStreamFollows(user: User, symbol: string): Promise<void> {
    if (!streaming) return;
    await eventually(async () => {
      const stream = stack.worker!.get(PositionExitMonitorService).priceStream(user.userId);
      return stream.state === 'connected' && stream.symbols.includes(symbol);
    }, 15_000);
  }

  it('closes the position once, within seconds of the price crossing its stop loss, and records the exit', async () => {
    const user = await userWithPaperAccount(stack);
    const id = await dcaThatBought(user, 'AAPL', { stop_loss_pct: 2 });

    // 1.5% down: inside the stop.
    await setPrice('AAPL', 98.5);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(await exitOrdersOf(user)).toEqual([]);

    const movedAt = Date.now();
    await setPrice('AAPL', 97);
    await eventually(async () => (await positionQty(user, 'AAPL')) === 0, 10_000, 50);
    expect(Date.now() - movedAt).toBeLessThan(closeWithinMs);

    const exits = await exitOrdersOf(user);
    expect(exits).toEqual([expect.objectContaining({ side: 'sell', type: 'market', qty: '10', status: 'filled', client_order_id: `ax-${id.replace(/-/g, '')}-1` })]);
    const events = await eventually(async () => {
      const rows = await exitEvents(user, id);
      return rows.length > 0 ? rows : undefined;
    });
    expect(events).toEqual([expect.objectContaining({ trigger: 'stop_loss', trigger_price: 97, entry_price: 100, symbol: 'AAPL' })]);
    expect(events[0].exit_order_id).toEqual(expect.any(String));
    expect(events[0].details).toMatchObject({ threshold_price: 98, position_side: 'long', position_qty: 10, seq: 1 });

    // The exit order is one of the strategy's orders, and its workflow was told.
    const orders = await stack.http().get(`/api/strategies/${id}/orders`).set('Authorization', user.auth).expect(200);
    expect(orders.body.find((o: { id: string }) => o.id === events[0].exit_order_id)).toMatchObject({ side: 'sell', status: 'filled' });
    const status = await eventually(async () => {
      const s = await stack.temporal.client.workflow.getHandle(`strategy-${id}`).query(strategyStatusQuery);
      return s.lastExit ? s : undefined;
    });
    expect(status.lastExit).toMatchObject({ trigger: 'stop_loss', triggerPrice: 97, qty: 10, exitEventId: events[0].id });

    // A further fall after the exit sends nothing more.
    await setPrice('AAPL', 90);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(await exitOrdersOf(user)).toHaveLength(1);
    expect(await exitEvents(user, id)).toHaveLength(1);
  }, 120_000);

  it('trails a rise, keeps the high across a worker restart, and fires on the fall', async () => {
    const user = await userWithPaperAccount(stack);
    const id = await dcaThatBought(user, 'MSFT', { trailing_stop_pct: 2 });
    const persistedHigh = async () => {
      const row = await stack.dataSource.getRepository(TradingStrategy).findOneByOrFail({ id });
      return (row.state?.exit as { water_mark?: number } | undefined)?.water_mark;
    };

    await setPrice('MSFT', 105);
    await eventually(async () => (await persistedHigh()) === 105);
    await setPrice('MSFT', 110);
    await eventually(async () => (await persistedHigh()) === 110);
    // 0.9% below the high: no exit.
    await setPrice('MSFT', 109);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(await exitOrdersOf(user)).toEqual([]);

    // The worker goes down; the price falls 2.3% below a high the new process never saw itself.
    await stack.stopWorker();
    await setPrice('MSFT', 107.5);
    await stack.startWorker();
    await eventually(async () => (await positionQty(user, 'MSFT')) === 0, 15_000);

    expect(await exitOrdersOf(user)).toEqual([expect.objectContaining({ side: 'sell', qty: '10', status: 'filled' })]);
    const events = await exitEvents(user, id);
    expect(events).toEqual([expect.objectContaining({ trigger: 'trailing_stop', trigger_price: 107.5, entry_price: 100 })]);
    expect(events[0].details).toMatchObject({ water_mark: 110, threshold_price: 107.8 });
    // The mark belonged to the closed position.
    expect(await persistedHigh()).toBeUndefined();
  }, 120_000);

  it("stops a grid at its stop loss: cancels the grid's orders, sells the position, ends the workflow", async () => {
    const user = await userWithPaperAccount(stack);
    await setPrice('NVDA', 102);
    const created = await stack
      .http()
      .post('/api/strategies')
      .set('Authorization', user.auth)
      .send({
        name: 'NVDA grid',
        type: 'spot_grid',
        configuration: { symbol: 'NVDA', lower_price: 90, upper_price: 110, grid_count: 5, quantity_per_grid: 1, stop_loss_price: 93 },
      })
      .expect(201);
    const id = created.body.id as string;
    const open = async () => (await ordersOf(user)).filter((o) => ['new', 'accepted', 'partially_filled'].includes(o.status));
    await eventually(async () => (await open()).length === 3, 20_000);
    await priceStreamFollows(user, 'NVDA');

    // Two buys fill on the way down (100, 95); at 92 the stop at 93 fires.
    await setPrice('NVDA', 94);
    await eventually(async () => (await positionQty(user, 'NVDA')) === 2, 20_000);
    await setPrice('NVDA', 92);
    await eventually(async () => (await positionQty(user, 'NVDA')) === 0, 20_000);

    // The 90 buy (and the counter sells of the two fills) are cancelled, not filled, and no grid order rests.
    await eventually(async () => (await open()).length === 0, 20_000);
    expect(await exitOrdersOf(user)).toEqual([expect.objectContaining({ side: 'sell', qty: '2', status: 'filled' })]);
    const strategy = await stack.http().get(`/api/strategies/${id}`).set('Authorization', user.auth).expect(200);
    expect(strategy.body.is_active).toBe(false);
    await eventually(async () => {
      const description = await stack.temporal.client.workflow.getHandle(`strategy-${id}`).describe();
      return description.status.name !== 'RUNNING';
    }, 20_000);
    expect(await exitEvents(user, id)).toEqual([expect.objectContaining({ trigger: 'stop_loss', trigger_price: 92 })]);
  }, 180_000);
});
