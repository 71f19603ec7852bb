import { BotOrder, Trade, TradingStrategy } from '../libs/database/entities';
import type { BotOrderStatus, GridRole } from '../libs/database/entities';
import { startApiTestStack, type ApiTestStack } from './support/api-test-stack';
import { registerUser, type RegisteredUser } from './support/api-users';
import { exchangeAdmin, userWithPaperAccount } from './support/strategy-stack';

jest.setTimeout(30_000);

// AAPL is held at $190 for the whole file (prices never drift in the test exchange).
const AAPL_PRICE = 190;

/** Levels 100, 110, ..., 150: the price is above the range. */
const GRID_BELOW_PRICE = { symbol: 'AAPL', lower_price: 100, upper_price: 150, grid_count: 6, quantity_per_grid: 1 };

/** Levels 150, 160, ..., 250: buys rest on 150-180, 2 shares each, $1,320 in all. */
const GRID_AROUND_PRICE = { symbol: 'AAPL', lower_price: 150, upper_price: 250, grid_count: 11, quantity_per_grid: 2 };

describe.each(['sqlite', 'postgres'] as const)('grid strategies over the API (%s)', (kind) => {
  let stack: ApiTestStack;

  beforeAll(async () => {
    stack = await startApiTestStack(kind);
    await exchangeAdmin(stack, '/admin/prices', { symbol: 'AAPL', price: AAPL_PRICE });
  }, 60_000);
  afterAll(() => stack?.close());

  const strategiesOf = (userId: string) => stack.dataSource.getRepository(TradingStrategy).findBy({ userId });

  const createGrid = (user: RegisteredUser, configuration: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    stack.http().post('/api/strategies').set('Authorization', user.auth).send({ name: 'AAPL grid', type: 'spot_grid', configuration, ...extra });

  describe('the market check when a grid starts', () => {
    it('refuses a range the price is not in, naming the range, and saves nothing', async () => {
      const user = await userWithPaperAccount(stack, 100_000);
      const res = await createGrid(user, GRID_BELOW_PRICE).expect(400);
      expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message: [expect.stringMatching(/190\.00.*range.*100\.00.*150\.00/)] });
      expect(await strategiesOf(user.userId)).toEqual([]);
    });

    it('refuses a grid the buying power cannot cover, saying how much is missing, and saves nothing', async () => {
      const user = await userWithPaperAccount(stack, 1_000);
      const res = await createGrid(user, GRID_AROUND_PRICE).expect(400);
      expect(res.body.message).toEqual([expect.stringMatching(/buying power/)]);
      expect(res.body.message[0]).toContain('$1,320.00');
      expect(res.body.message[0]).toMatch(/\$320\.00 missing/);
      expect(await strategiesOf(user.userId)).toEqual([]);
    });

    it('refuses a grid for a user without a broker account, and saves nothing', async () => {
      const user = await registerUser(stack);
      const res = await createGrid(user, GRID_AROUND_PRICE).expect(400);
      expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message: [expect.stringMatching(/connect .*POST \/api\/accounts\/alpaca.* before creating or starting a grid strategy/)] });
      expect(await strategiesOf(user.userId)).toEqual([]);
    });

    it('answers 503 while the broker is down, and saves nothing', async () => {
      const user = await userWithPaperAccount(stack, 100_000);
      await exchangeAdmin(stack, '/admin/faults', { error_rate: 1 });
      try {
        const res = await createGrid(user, GRID_AROUND_PRICE).expect(503);
        expect(res.body.message).toMatch(/broker is unavailable.*nothing was saved/);
      } finally {
        await exchangeAdmin(stack, '/admin/faults', { error_rate: 0 });
      }
      expect(await strategiesOf(user.userId)).toEqual([]);
    });

    it('saves an inactive grid unchecked, and refuses to activate it while the price is outside its range', async () => {
      const user = await registerUser(stack);
      const created = await createGrid(user, GRID_BELOW_PRICE, { is_active: false }).expect(201);
      expect(created.body).toMatchObject({ type: 'spot_grid', is_active: false });

      const res = await stack.http().patch(`/api/strategies/${created.body.id}`).set('Authorization', user.auth).send({ is_active: true }).expect(400);
      expect(res.body.message).toEqual([expect.stringMatching(/connect .*POST \/api\/accounts\/alpaca/)]);
      await stack.http().patch(`/api/strategies/${created.body.id}`).set('Authorization', user.auth).send({ name: 'renamed', configuration: GRID_AROUND_PRICE }).expect(200);
      expect(await strategiesOf(user.userId)).toEqual([expect.objectContaining({ name: 'renamed', isActive: false, configuration: expect.objectContaining({ lower_price: 150 }) })]);
    });

    it('refuses to reactivate a grid whose range the price has left, and keeps it inactive', async () => {
      const user = await userWithPaperAccount(stack, 100_000);
      const created = await createGrid(user, GRID_BELOW_PRICE, { is_active: false }).expect(201);
      const res = await stack.http().patch(`/api/strategies/${created.body.id}`).set('Authorization', user.auth).send({ is_active: true }).expect(400);
      expect(res.body.message).toEqual([expect.stringMatching(/range.*100\.00.*150\.00/)]);
      expect(await strategiesOf(user.userId)).toEqual([expect.objectContaining({ isActive: false })]);
    });
  });

  describe('GET /api/strategies/:id/grid', () => {
    let owner: RegisteredUser;
    let strategyId: string;

    async function insertOrder(level: number | null, side: 'buy' | 'sell', status: BotOrderStatus, fields: Partial<BotOrder> = {}): Promise<BotOrder> {
      const grid = fields.strategyId ?? strategyId;
      return stack.dataSource.getRepository(BotOrder).save({
        userId: owner.userId,
        strategyId: grid,
        clientOrderId: `grid-${grid}-${level}-${side}-${Math.random().toString(36).slice(2)}`,
        brokerOrderId: `broker-${Math.random().toString(36).slice(2)}`,
        symbol: 'AAPL',
        side,
        type: 'limit',
        timeInForce: 'gtc',
        qty: 1,
        limitPrice: level === null ? null : 100 + level * 10,
        status,
        gridLevel: level,
        gridRole: (side === 'buy' ? 'open' : 'close') as GridRole,
        ...fields,
      });
    }

    async function startedGrid(type: string, configuration: Record<string, unknown>, startPrice: number): Promise<string> {
      const created = await stack.http().post('/api/strategies').set('Authorization', owner.auth).send({ name: type, type, is_active: false, configuration }).expect(201);
      await stack.dataSource
        .getRepository(TradingStrategy)
        .update(created.body.id, { state: { grid: { start_price: startPrice, is_crypto: false, started_at: '2030-01-02T00:00:00.000Z' } } });
      return created.body.id;
    }

    async function insertFill(order: BotOrder, price: number, realizedPnl: number | null, executedAt: string): Promise<Trade> {
      return stack.dataSource.getRepository(Trade).save({
        userId: owner.userId,
        strategyId: order.strategyId,
        orderId: order.id,
        brokerOrderId: order.brokerOrderId!,
        executionKey: `${order.brokerOrderId}:${order.qty}`,
        symbol: 'AAPL',
        side: order.side,
        qty: order.qty!,
        price,
        notional: price * order.qty!,
        realizedPnl,
        executedAt: new Date(executedAt),
      });
    }

    beforeAll(async () => {
      owner = await registerUser(stack);
      strategyId = await startedGrid('spot_grid', GRID_BELOW_PRICE, 125);

      // Two round trips on levels 1->2 and 2->3, the second one closed in two partial fills...
      const buy1 = await insertOrder(1, 'buy', 'filled', { filledQty: 1, filledAvgPrice: 110 });
      await insertFill(buy1, 110, null, '2030-01-02T01:00:00Z');
      const sell2 = await insertOrder(2, 'sell', 'filled', { parentOrderId: buy1.id, filledQty: 1, filledAvgPrice: 120 });
      await insertFill(sell2, 120, 10.1, '2030-01-02T02:00:00Z');
      const buy2 = await insertOrder(2, 'buy', 'filled', { qty: 2, filledQty: 2, filledAvgPrice: 120 });
      await insertFill(buy2, 120, null, '2030-01-02T03:00:00Z');
      const sell3 = await insertOrder(3, 'sell', 'filled', { qty: 2, parentOrderId: buy2.id, filledQty: 2, filledAvgPrice: 130 });
      await insertFill({ ...sell3, qty: 1 } as BotOrder, 130, 10, '2030-01-02T04:00:00Z');
      await insertFill({ ...sell3, qty: 2 } as BotOrder, 130, 10.2, '2030-01-02T05:00:00Z');

      // ...and what rests on the book now: buys on 0 and 1 (one partly filled, its fill not yet
      // closed), a sell on 4, a stray order on level 9 beyond the ladder, and a canceled one.
      await insertOrder(0, 'buy', 'new');
      const partial = await insertOrder(1, 'buy', 'partially_filled', { qty: 2, filledQty: 0.5 });
      await insertFill({ ...partial, qty: 0.5 } as BotOrder, 110, null, '2030-01-02T06:00:00Z');
      await insertOrder(4, 'sell', 'accepted', { parentOrderId: buy1.id });
      await insertOrder(9, 'sell', 'pending');
      await insertOrder(5, 'sell', 'canceled');
    });

    it('shows the ladder, the order on each level, the completed cycles and the profit', async () => {
      const res = await stack.http().get(`/api/strategies/${strategyId}/grid`).set('Authorization', owner.auth).expect(200);
      const open = (level: number, side: string, status: string, qty = 1, filled = 0) => ({
        client_order_id: expect.stringMatching(new RegExp(`^grid-${strategyId}-${level}-${side}-`)),
        side,
        qty,
        limit_price: 100 + level * 10,
        status,
        filled_qty: filled,
      });
      expect(res.body).toEqual({
        strategy_id: strategyId,
        type: 'spot_grid',
        symbol: 'AAPL',
        profit_unit: 'usd',
        start_price: 125,
        levels: [
          { level: 0, price: 100, open_order: open(0, 'buy', 'new') },
          { level: 1, price: 110, open_order: open(1, 'buy', 'partially_filled', 2, 0.5) },
          { level: 2, price: 120, open_order: null },
          { level: 3, price: 130, open_order: null },
          { level: 4, price: 140, open_order: open(4, 'sell', 'accepted') },
          { level: 5, price: 150, open_order: null },
          { level: 9, price: 190, open_order: open(9, 'sell', 'pending') },
        ],
        open_orders: 4,
        filled_cycles: 2,
        realized_profit_usd: 30.3,
        realized_profit_units: 0,
        last_fill_at: '2030-01-02T06:00:00.000Z',
      });
    });

    it('lists orders with their grid level, role and parent, and trades with their realised profit and execution key', async () => {
      const orders = await stack.http().get(`/api/strategies/${strategyId}/orders`).set('Authorization', owner.auth).expect(200);
      const closing = orders.body.find((order: { grid_level: number; status: string }) => order.grid_level === 4);
      expect(closing).toMatchObject({ grid_level: 4, grid_role: 'close', parent_order_id: expect.any(String), side: 'sell', countered_qty: 0 });
      expect(orders.body.find((order: { grid_level: number }) => order.grid_level === 0)).toMatchObject({ grid_role: 'open', parent_order_id: null });

      const trades = await stack.http().get(`/api/strategies/${strategyId}/trades`).set('Authorization', owner.auth).expect(200);
      expect(trades.body).toHaveLength(6);
      expect(trades.body[1]).toMatchObject({ realized_pnl: 10.2, execution_key: expect.stringMatching(/^broker-\w+:2$/), price: 130 });
      expect(trades.body[0]).toMatchObject({ realized_pnl: null, execution_key: expect.stringMatching(/:0\.5$/) });
    });

    it('answers 404 to another user, as for a strategy that does not exist', async () => {
      const stranger = await registerUser(stack);
      const res = await stack.http().get(`/api/strategies/${strategyId}/grid`).set('Authorization', stranger.auth).expect(404);
      expect(res.body.message).toBe(`Strategy ${strategyId} not found`);
    });

    it('answers 400 for a strategy that is not a grid', async () => {
      const dca = await stack
        .http()
        .post('/api/strategies')
        .set('Authorization', owner.auth)
        .send({ name: 'DCA', type: 'dca', is_active: false, configuration: { symbol: 'AAPL', amount_per_buy: 50, allocated_capital: 500 } })
        .expect(201);
      const res = await stack.http().get(`/api/strategies/${dca.body.id}/grid`).set('Authorization', owner.auth).expect(400);
      expect(res.body.message).toMatch(/is a dca strategy, not a grid strategy/);
    });

    it("reports a reverse grid's profit in units of the asset as well as in USD", async () => {
      const reverseId = await startedGrid('reverse_grid', { ...GRID_BELOW_PRICE, acquire_inventory: false }, 125);
      const closes = [
        [1, 110, 11],
        [2, 120, 6],
      ] as const;
      for (const [level, price, pnl] of closes) {
        const sell = await insertOrder(level + 1, 'sell', 'filled', { strategyId: reverseId, gridRole: 'open', filledQty: 1 });
        await insertFill(sell, price + 10, null, '2030-01-03T00:00:00Z');
        const buy = await insertOrder(level, 'buy', 'filled', { strategyId: reverseId, gridRole: 'close', parentOrderId: sell.id, filledQty: 1 });
        await insertFill(buy, price, pnl, `2030-01-03T0${level}:00:00Z`);
      }
      const res = await stack.http().get(`/api/strategies/${reverseId}/grid`).set('Authorization', owner.auth).expect(200);
      // 11 USD at 110 is 0.1 share; 6 USD at 120 is 0.05.
      expect(res.body).toMatchObject({ type: 'reverse_grid', profit_unit: 'asset', filled_cycles: 2, realized_profit_usd: 17, realized_profit_units: 0.15, open_orders: 0 });
      expect(res.body.last_fill_at).toBe('2030-01-03T02:00:00.000Z');
    });

    it('shows an infinity grid as a window of levels around its start price, plus any level with an order beyond it', async () => {
      const infinityId = await startedGrid('infinity_grid', { symbol: 'AAPL', lower_price: 100, step_pct: 10, allocated_capital: 5_000 }, 150);
      await insertOrder(30, 'sell', 'new', { strategyId: infinityId, limitPrice: 1744.94 });
      const res = await stack.http().get(`/api/strategies/${infinityId}/grid`).set('Authorization', owner.auth).expect(200);
      const levels: Array<{ level: number; price: number; open_order: unknown }> = res.body.levels;
      // 150 sits between level 4 (146.41) and level 5: ten levels either side of level 4, from level 0.
      expect(levels.map((row) => row.level)).toEqual([...Array.from({ length: 15 }, (_, level) => level), 30]);
      expect(levels[4].price).toBe(146.41);
      expect(levels[15]).toEqual({ level: 30, price: 1744.94, open_order: expect.objectContaining({ side: 'sell', limit_price: 1744.94 }) });
    });

    it('shows a grid that has not started around its configured range, with nothing earned yet', async () => {
      const created = await createGrid(owner, GRID_AROUND_PRICE, { is_active: false }).expect(201);
      const res = await stack.http().get(`/api/strategies/${created.body.id}/grid`).set('Authorization', owner.auth).expect(200);
      expect(res.body).toMatchObject({ start_price: null, open_orders: 0, filled_cycles: 0, realized_profit_usd: 0, last_fill_at: null });
      expect(res.body.levels.map((level: { price: number }) => level.price)).toEqual([150, 160, 170, 180, 190, 200, 210, 220, 230, 240, 250]);
    });
  });
});
