import { createLogger } from '../libs/engine/logger/create-logger';
import { gridClientOrderId } from '../libs/contracts';
import { BotOrder, BotRiskEvent, TradingStrategy, User } from '../libs/database/entities';
import { buildStrategyActivities } from '../apps/worker/src/temporal/build-strategy-activities';
import { startApiTestStack, type ApiTestStack } from './support/api-test-stack';
import { exchangeAdmin, fillEventOf, userWithPaperAccount, type PaperUser } from './support/strategy-stack';

type ExchangeOrder = { client_order_id: string; side: string; limit_price: string | null; status: string };

/**
 * The risk validator inside the grid activities, called directly as the workflow would (no
 * Temporal), against the paper exchange and the database: a refused step sends nothing and
 * records one risk event, however often the step is retried.
 */
describe('grid activities with the risk validator', () => {
  let stack: ApiTestStack;
  let activities: ReturnType<typeof buildStrategyActivities>;
  let user: PaperUser;
  const ladder = { symbol: 'AAPL', lower_price: 90, upper_price: 110, grid_count: 5, spacing: 'arithmetic', quantity_per_grid: 1 };

  const exchangeOrders = () => exchangeAdmin<ExchangeOrder[]>(stack, `/admin/orders?key_id=${user.keyId}`);
  const riskEvents = (strategyId: string) => stack.dataSource.getRepository(BotRiskEvent).find({ where: { strategyId }, order: { createdAt: 'ASC' } });
  const setUserLimits = (riskLimits: Record<string, number> | null) => stack.dataSource.getRepository(User).update(user.userId, { riskLimits: riskLimits as never });
  async function grid(configuration: Record<string, unknown>): Promise<string> {
    const saved = await stack.dataSource.getRepository(TradingStrategy).save({ userId: user.userId, name: 'grid', type: 'spot_grid', isActive: true, autoStart: false, configuration, state: null });
    return saved.id;
  }

  beforeAll(async () => {
    stack = await startApiTestStack('sqlite');
    activities = buildStrategyActivities(stack.dataSource, stack.config, createLogger('grid-risk-test'));
    user = await userWithPaperAccount(stack);
    await exchangeAdmin(stack, '/admin/clock', { is_open: true });
    await exchangeAdmin(stack, '/admin/prices', { symbol: 'AAPL', price: 102, frozen: true });
  }, 60_000);

  afterAll(() => stack?.close());

  it('refuses a set-up as a whole, once per step however often it is retried, and replays the refusal', async () => {
    const strategyId = await grid({ ...ladder, max_open_orders: 2 });
    const first = await activities.setupGrid({ strategyId, seq: 1 });
    expect(first).toEqual({ resumed: false, result: expect.objectContaining({ action: 'error', reason: expect.stringMatching(/^risk: max_open_orders: /) }) });

    // The same step retried, even after the limit was raised, replays its refusal: its event is its verdict.
    await stack.dataSource.getRepository(TradingStrategy).update(strategyId, { configuration: { ...ladder, max_open_orders: 10 } as never });
    expect((await activities.setupGrid({ strategyId, seq: 1 })).result).toMatchObject({ action: 'error', reason: first.result.reason });
    expect(await riskEvents(strategyId)).toEqual([expect.objectContaining({ rule: 'max_open_orders', userId: user.userId })]);
    expect(await exchangeOrders()).toEqual([]);

    // The workflow's later attempt is a new step, checked afresh: the grid starts.
    const later = await activities.setupGrid({ strategyId, seq: 2 });
    expect(later.result.action).toBe('buy');
    expect((await exchangeOrders()).map((o) => o.client_order_id)).toEqual([0, 1, 2].map((level) => gridClientOrderId(strategyId, level, 2, 'buy')));
    expect(await riskEvents(strategyId)).toHaveLength(1);
    await activities.cancelGridOrders({ strategyId, userId: user.userId });
  });

  it('drops a refused counter order, counts the fill as answered, and records one event across retries', async () => {
    const strategyId = await grid(ladder);
    await exchangeAdmin(stack, '/admin/prices', { symbol: 'AAPL', price: 102, frozen: true });
    expect((await activities.setupGrid({ strategyId, seq: 1 })).result.action).toBe('buy');
    await setUserLimits({ max_open_orders: 2 });
    try {
      await exchangeAdmin(stack, '/admin/prices', { symbol: 'AAPL', price: 99.5, frozen: true });
      const filledCid = gridClientOrderId(strategyId, 2, 1, 'buy');
      const fill = await fillEventOf(stack, user, filledCid);

      const answered = await activities.handleGridFill({ strategyId, seq: 2, fill });
      expect(answered).toMatchObject({ action: 'hold', reason: expect.stringMatching(/^risk: max_open_orders: 2 open orders and 1 new would make 3, above your max_open_orders 2 \(fill of .* left unanswered: /) });
      expect(await stack.dataSource.getRepository(BotOrder).findOneByOrFail({ clientOrderId: filledCid })).toEqual(expect.objectContaining({ filledQty: 1, counteredQty: 1 }));

      // Retried, and signalled again later: nothing is left to answer, nothing is sent.
      expect((await activities.handleGridFill({ strategyId, seq: 2, fill })).action).toBe('hold');
      expect((await activities.handleGridFill({ strategyId, seq: 3, fill })).action).toBe('hold');
      expect((await activities.reconcileGrid({ strategyId, seq: 4, trigger: 'manual' })).fills).toEqual([]);
      expect((await exchangeOrders()).filter((o) => o.side === 'sell')).toEqual([]);
      expect(await riskEvents(strategyId)).toEqual([
        expect.objectContaining({ rule: 'max_open_orders', details: expect.objectContaining({ key: `order:${gridClientOrderId(strategyId, 3, 2, 'sell')}` }) }),
      ]);
    } finally {
      await setUserLimits(null);
    }
  });
});
