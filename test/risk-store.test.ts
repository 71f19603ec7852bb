import type { DataSource } from 'typeorm';
import { riskEventId } from '../activities/strategy-execution/risk/risk-event-id';
import { TypeormRiskStore } from '../activities/strategy-execution/risk/typeorm-risk-store';
import { BotOrder, BotRiskEvent, ExitEvent, Trade, TradingStrategy, User } from '../libs/database/entities';
import { createTestDatabase, type TestDatabase, type TestDatabaseKind } from '../libs/database/testing/test-database';

/** The risk validator's reads and writes of our own records, on both databases. */
describe.each<TestDatabaseKind>(['sqlite', 'postgres'])('TypeormRiskStore on %s', (kind) => {
  let db: TestDatabase;
  let ds: DataSource;
  let store: TypeormRiskStore;
  let user: User;
  let strategy: TradingStrategy;
  let other: TradingStrategy;
  const since = new Date('2026-07-15T04:00:00Z');
  let seq = 0;

  const newStrategy = (name: string) => ds.getRepository(TradingStrategy).save({ userId: user.id, name, type: 'dca' as const, configuration: {} });
  async function order(owner: TradingStrategy, status: BotOrder['status']): Promise<BotOrder> {
    return ds.getRepository(BotOrder).save({ userId: owner.userId, strategyId: owner.id, clientOrderId: `cid-${kind}-${++seq}`, symbol: 'AAPL', side: 'buy' as const, type: 'limit', timeInForce: 'gtc' as const, qty: 1, limitPrice: 100, status });
  }
  async function trade(owner: TradingStrategy, side: 'buy' | 'sell', qty: number, price: number, executedAt: string, realizedPnl: number | null = null, symbol = 'AAPL') {
    const parent = await order(owner, 'filled');
    await ds.getRepository(Trade).insert({ userId: owner.userId, strategyId: owner.id, orderId: parent.id, executionKey: `x-${kind}-${++seq}`, brokerOrderId: `b-${seq}`, symbol, side, qty, price, notional: qty * price, realizedPnl, executedAt: new Date(executedAt) });
  }

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    ds = db.dataSource;
    store = new TypeormRiskStore(ds);
    user = await ds.getRepository(User).save({ email: `risk-${kind}@example.com`, passwordHash: 'x', riskLimits: { max_order_notional: 500, junk: 'x' } });
    strategy = await newStrategy('mine');
    other = await newStrategy('other');

    await order(strategy, 'new');
    await order(strategy, 'partially_filled');
    await order(strategy, 'pending');
    await order(strategy, 'canceled');
    await order(other, 'new');
    await trade(strategy, 'buy', 10, 100, '2026-07-14T15:00:00Z');
    await trade(strategy, 'sell', 4, 110, '2026-07-15T03:59:59Z', -70);
    await trade(strategy, 'sell', 2, 90, '2026-07-15T14:00:00Z', -20.5);
    await trade(strategy, 'buy', 1, 50_000, '2026-07-15T14:00:00Z', null, 'BTC/USD');
    await trade(other, 'sell', 1, 100, '2026-07-15T16:00:00Z', -30);
    await ds.getRepository(ExitEvent).insert({ userId: user.id, strategyId: strategy.id, symbol: 'AAPL', trigger: 'stop_loss', triggerPrice: 95, entryPrice: 100, exitOrderId: null, details: {} });
    await ds.getRepository(ExitEvent).insert({ userId: user.id, strategyId: strategy.id, symbol: 'AAPL', trigger: 'take_profit', triggerPrice: 120, entryPrice: 100, exitOrderId: null, details: {} });
  }, 60_000);

  afterAll(() => db?.drop());

  it("reads open orders, the strategy's position in the symbol, today's realised P/L, the last stop-loss and the user's limits", async () => {
    const history = await store.loadHistory({ strategyId: strategy.id, userId: user.id, symbol: 'AAPL', since });
    expect(history).toEqual({
      openOrders: 3,
      position: { qty: 4, netInvested: 1_000 - 440 - 180 },
      realizedPnlToday: { strategy: -20.5, user: -50.5 },
      lastStopLossAt: expect.any(Date),
      userLimits: { max_order_notional: 500 },
    });
    expect(Math.abs(history.lastStopLossAt!.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('reads an empty history for a fresh strategy', async () => {
    const fresh = await newStrategy('fresh');
    expect(await store.loadHistory({ strategyId: fresh.id, userId: user.id, symbol: 'MSFT', since })).toEqual({
      openOrders: 0,
      position: { qty: 0, netInvested: 0 },
      realizedPnlToday: { strategy: 0, user: -50.5 },
      lastStopLossAt: null,
      userLimits: { max_order_notional: 500 },
    });
  });

  it('records a risk event once per id, and finds it again', async () => {
    const event = { id: riskEventId(`run:${strategy.id}:1`), userId: user.id, strategyId: strategy.id, rule: 'max_order_notional', reason: 'too big', details: { order_notional: 900 } };
    expect(await store.recordRiskEvent(event)).toBe(true);
    expect(await store.recordRiskEvent({ ...event, reason: 'again' })).toBe(false);
    expect(await ds.getRepository(BotRiskEvent).findBy({ strategyId: strategy.id })).toEqual([expect.objectContaining({ id: event.id, rule: 'max_order_notional', reason: 'too big', details: { order_notional: 900 }, createdAt: expect.any(Date) })]);
    expect(await store.findRiskEvent(event.id)).toEqual(event);
    expect(await store.findRiskEvent(riskEventId('never'))).toBeUndefined();
  });
});
