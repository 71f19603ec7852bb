import { TradingStrategy } from '../libs/database/entities';
import { startStrategyTestStack, exchangeAdmin, userWithPaperAccount, type StrategyTestStack } from './support/strategy-stack';
import { eventually } from './support/temporal';

type PaperUser = Awaited<ReturnType<typeof userWithPaperAccount>>;
type ExchangeOrder = {
  client_order_id: string;
  side: 'buy' | 'sell';
  type: string;
  limit_price: string | null;
  qty: string;
  status: string;
  submitted_at: string;
  canceled_at: string | null;
};
type ExchangePosition = { symbol: string; qty: string; side: 'long' | 'short' };

const OPEN = ['new', 'accepted', 'partially_filled'];
const STEP_TIMEOUT_MS = 20_000;

/** "sell 105 x1 filled"; market orders read "buy market x80 filled". */
const describeOrder = (o: ExchangeOrder) => `${o.side} ${o.type === 'market' ? 'market' : o.limit_price} x${o.qty} ${o.status}`;

/**
 * The futures, reverse and infinity grids end to end, as a user runs them: created through the
 * API, driven by the in-process worker (workflow and fill monitor) against the paper exchange,
 * with prices moved past levels by POST /admin/prices (so every fill is whole, never a touch).
 * Each grid trades its own symbol on its own account, so its orders at the exchange are all its own.
 */
describe('grid types driven by fills', () => {
  let stack: StrategyTestStack;

  beforeAll(async () => {
    stack = await startStrategyTestStack('sqlite', { env: { ORDER_FILL_POLL_SECONDS: '1' } });
    await exchangeAdmin(stack, '/admin/clock', { is_open: true });
  }, 120_000);

  afterAll(() => stack?.close());

  const setPrice = (symbol: string, price: number) => exchangeAdmin(stack, '/admin/prices', { symbol, price });
  const ordersOf = (user: PaperUser) => exchangeAdmin<ExchangeOrder[]>(stack, `/admin/orders?key_id=${user.keyId}`);
  const sequenceOf = async (user: PaperUser) => (await ordersOf(user)).map(describeOrder);
  /**
   * Every order the account submitted, oldest first, step by step: a step is what one set-up or
   * one answer to a fill sent, in no particular order within the step.
   */
  async function expectSteps(user: PaperUser, steps: string[][]): Promise<void> {
    const sequence = await sequenceOf(user);
    let start = 0;
    const actual = steps.map((step) => sequence.slice(start, (start += step.length)).sort());
    expect({ steps: actual, rest: sequence.slice(start) }).toEqual({ steps: steps.map((step) => [...step].sort()), rest: [] });
  }
  const openOrdersOf = async (user: PaperUser) => (await ordersOf(user)).filter((o) => OPEN.includes(o.status)).map(describeOrder).sort();
  const untilOpenOrders = (user: PaperUser, expected: string[]) =>
    eventually(async () => (await openOrdersOf(user)).join() === [...expected].sort().join(), STEP_TIMEOUT_MS).catch(async (err) => {
      throw new Error(`${String(err)}; open orders at the exchange: ${JSON.stringify(await openOrdersOf(user))}`);
    });

  async function positionsOf(user: PaperUser): Promise<ExchangePosition[]> {
    const res = await fetch(`${stack.exchange.url}/v2/positions`, {
      headers: { 'APCA-API-KEY-ID': user.keyId, 'APCA-API-SECRET-KEY': user.secretKey },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as ExchangePosition[];
  }

  async function createGrid(user: PaperUser, name: string, type: string, configuration: Record<string, unknown>): Promise<string> {
    const res = await stack.http().post('/api/strategies').set('Authorization', user.auth).send({ name, type, configuration });
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
    return res.body.id as string;
  }

  const gridView = async (user: PaperUser, id: string) => (await stack.http().get(`/api/strategies/${id}/grid`).set('Authorization', user.auth).expect(200)).body;

  const untilGrid = (user: PaperUser, id: string, ready: (grid: Record<string, any>) => boolean) =>
    eventually(async () => {
      const grid = await gridView(user, id);
      return ready(grid) ? grid : undefined;
    }, STEP_TIMEOUT_MS);

  /** Deactivating stops the grid: none of its orders stays open at the exchange. */
  async function deactivate(user: PaperUser, id: string): Promise<void> {
    await stack.http().patch(`/api/strategies/${id}`).set('Authorization', user.auth).send({ is_active: false }).expect(200);
    await untilOpenOrders(user, []);
  }

  it('futures grid, short: sells short above the price, buys back one level down, and cycles again', async () => {
    const user = await userWithPaperAccount(stack);
    await setPrice('MSFT', 104);
    // Levels 100, 105, 110, 115, 120.
    const id = await createGrid(user, 'MSFT short grid', 'futures_grid', {
      symbol: 'MSFT',
      lower_price: 100,
      upper_price: 120,
      grid_count: 5,
      quantity_per_grid: 1,
      direction: 'short',
    });
    await untilOpenOrders(user, ['sell 105 x1 new', 'sell 110 x1 new', 'sell 115 x1 new', 'sell 120 x1 new']);
    expect(await positionsOf(user)).toEqual([]);

    // Up through 105: the short sell fills and is bought back one level down; the account is short.
    await setPrice('MSFT', 106);
    await untilOpenOrders(user, ['buy 100 x1 new', 'sell 110 x1 new', 'sell 115 x1 new', 'sell 120 x1 new']);
    expect(await positionsOf(user)).toEqual([expect.objectContaining({ symbol: 'MSFT', qty: '-1', side: 'short' })]);
    const whileShort = await gridView(user, id);
    expect(whileShort).toMatchObject({ profit_unit: 'usd', start_price: 104, filled_cycles: 0, realized_profit_usd: 0, open_orders: 4 });

    // Down through 100: the buy back covers the short and the short sell at 105 is placed again.
    await setPrice('MSFT', 99);
    await untilOpenOrders(user, ['sell 105 x1 new', 'sell 110 x1 new', 'sell 115 x1 new', 'sell 120 x1 new']);
    await expectSteps(user, [['sell 105 x1 filled', 'sell 110 x1 new', 'sell 115 x1 new', 'sell 120 x1 new'], ['buy 100 x1 filled'], ['sell 105 x1 new']]);
    expect(await positionsOf(user)).toEqual([]);

    const grid = await untilGrid(user, id, (g) => g.filled_cycles === 1);
    expect(grid).toMatchObject({ type: 'futures_grid', symbol: 'MSFT', profit_unit: 'usd', realized_profit_usd: 5, realized_profit_units: 0, open_orders: 4 });
    expect(grid.levels.map((l: { price: number }) => l.price)).toEqual([100, 105, 110, 115, 120]);
    expect(grid.levels.map((l: { open_order: { side: string } | null }) => l.open_order?.side ?? null)).toEqual([null, 'sell', 'sell', 'sell', 'sell']);

    await deactivate(user, id);
    await expectSteps(user, [
      ['sell 105 x1 filled', 'sell 110 x1 canceled', 'sell 115 x1 canceled', 'sell 120 x1 canceled'],
      ['buy 100 x1 filled'],
      ['sell 105 x1 canceled'],
    ]);
  }, 120_000);

  it('futures grid, short, on crypto: refused with 400 because crypto cannot be sold short, and nothing is written', async () => {
    const user = await userWithPaperAccount(stack);
    await setPrice('BTC/USD', 65_000);
    const res = await stack
      .http()
      .post('/api/strategies')
      .set('Authorization', user.auth)
      .send({
        name: 'BTC short grid',
        type: 'futures_grid',
        configuration: { symbol: 'BTC/USD', lower_price: 60_000, upper_price: 70_000, grid_count: 5, quantity_per_grid: 0.01, direction: 'short' },
      });
    expect({ status: res.status, body: res.body }).toEqual({
      status: 400,
      body: {
        statusCode: 400,
        error: 'Bad Request',
        message: ['configuration.direction must be "long" for BTC/USD: crypto cannot be sold short (Alpaca does not allow shorting crypto)'],
      },
    });

    const listed = await stack.http().get('/api/strategies').set('Authorization', user.auth).expect(200);
    expect(listed.body).toEqual([]);
    expect(await stack.dataSource.getRepository(TradingStrategy).findBy({ userId: user.userId })).toEqual([]);
    expect(await ordersOf(user)).toEqual([]);
  });

  it('reverse grid acquiring its inventory: market buy, sells above, buy back of more units one level down, profit in units', async () => {
    const user = await userWithPaperAccount(stack);
    await setPrice('NVDA', 104);
    // Levels 100, 105, 110, 115, 120: 20 shares sold on each of the four levels above 104.
    const id = await createGrid(user, 'NVDA reverse grid', 'reverse_grid', {
      symbol: 'NVDA',
      lower_price: 100,
      upper_price: 120,
      grid_count: 5,
      quantity_per_grid: 20,
      acquire_inventory: true,
    });
    await untilOpenOrders(user, ['sell 105 x20 new', 'sell 110 x20 new', 'sell 115 x20 new', 'sell 120 x20 new']);
    await expectSteps(user, [['buy market x80 filled'], ['sell 105 x20 new', 'sell 110 x20 new', 'sell 115 x20 new', 'sell 120 x20 new']]);
    expect(await positionsOf(user)).toEqual([expect.objectContaining({ symbol: 'NVDA', qty: '80', side: 'long' })]);

    // Up through 105: 20 sold at 105 raise $2,100, which buy back 21 at 100.
    await setPrice('NVDA', 106);
    await untilOpenOrders(user, ['buy 100 x21 new', 'sell 110 x20 new', 'sell 115 x20 new', 'sell 120 x20 new']);
    expect(await gridView(user, id)).toMatchObject({ profit_unit: 'asset', filled_cycles: 0, realized_profit_units: 0 });

    // Down through 100: the buy back fills (one share more than was sold) and 20 are offered at 105 again.
    await setPrice('NVDA', 99);
    await untilOpenOrders(user, ['sell 105 x20 new', 'sell 110 x20 new', 'sell 115 x20 new', 'sell 120 x20 new']);
    await expectSteps(user, [
      ['buy market x80 filled'],
      ['sell 105 x20 filled', 'sell 110 x20 new', 'sell 115 x20 new', 'sell 120 x20 new'],
      ['buy 100 x21 filled'],
      ['sell 105 x20 new'],
    ]);
    expect(await positionsOf(user)).toEqual([expect.objectContaining({ symbol: 'NVDA', qty: '81' })]);

    const grid = await untilGrid(user, id, (g) => g.filled_cycles === 1);
    expect(grid).toMatchObject({ type: 'reverse_grid', profit_unit: 'asset', start_price: 104, open_orders: 4 });
    expect(grid.realized_profit_units).toBeGreaterThan(0);
    expect(grid.realized_profit_units).toBeCloseTo(1, 6);
    expect(grid.realized_profit_usd).toBeCloseTo(100, 4);

    await deactivate(user, id);
  }, 120_000);

  it('infinity grid: buys the holding, keeps a sell one level up and a buy one level down, and recentres on a fill', async () => {
    const user = await userWithPaperAccount(stack);
    await setPrice('KO', 115);
    // Levels 100, 110, 121, 133.1, ... ; the holding is worth $12,100 (105 shares at 115).
    const id = await createGrid(user, 'KO infinity grid', 'infinity_grid', { symbol: 'KO', lower_price: 100, step_pct: 10, allocated_capital: 12_100 });
    // At level 1 (110): 12100/110 - 12100/121 = 10 to sell at 121, 12100/100 - 12100/110 = 11 to buy at 100.
    await untilOpenOrders(user, ['buy 100 x11 new', 'sell 121 x10 new']);
    await expectSteps(user, [['buy market x105 filled'], ['sell 121 x10 new', 'buy 100 x11 new']]);
    expect(await positionsOf(user)).toEqual([expect.objectContaining({ symbol: 'KO', qty: '105', side: 'long' })]);

    // Up through 121: the sell fills, the buy at 100 is cancelled and the pair around level 2 appears.
    await setPrice('KO', 122);
    await untilOpenOrders(user, ['buy 110 x10 new', 'sell 133.1 x9 new']);
    await expectSteps(user, [['buy market x105 filled'], ['sell 121 x10 filled', 'buy 100 x11 canceled'], ['sell 133.1 x9 new', 'buy 110 x10 new']]);
    // The old buy was cancelled before the new pair was sent, so it could not fill after the recentring.
    const orders = await ordersOf(user);
    const cancelledAt = orders.find((o) => o.status === 'canceled')!.canceled_at!;
    expect(orders.filter((o) => o.status === 'new').every((o) => o.submitted_at >= cancelledAt)).toBe(true);
    expect(await positionsOf(user)).toEqual([expect.objectContaining({ symbol: 'KO', qty: '95' })]);

    const grid = await untilGrid(user, id, (g) => g.filled_cycles === 1);
    expect(grid).toMatchObject({ type: 'infinity_grid', profit_unit: 'usd', start_price: 115, open_orders: 2 });
    // Bought at 115 by the market order, 10 sold at 121.
    expect(grid.realized_profit_usd).toBeCloseTo(60, 6);
    const withOrders = grid.levels.filter((l: { open_order: unknown }) => l.open_order !== null).map((l: { price: number; open_order: { side: string } }) => `${l.open_order.side} ${l.price}`);
    expect(withOrders).toEqual(['buy 110', 'sell 133.1']);

    await deactivate(user, id);
    await expectSteps(user, [['buy market x105 filled'], ['sell 121 x10 filled', 'buy 100 x11 canceled'], ['sell 133.1 x9 canceled', 'buy 110 x10 canceled']]);
  }, 120_000);
});
