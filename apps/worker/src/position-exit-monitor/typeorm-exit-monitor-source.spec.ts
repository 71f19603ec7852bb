import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { BotOrder, ExitEvent, TradingStrategy, User } from '../../../../libs/database/entities';
import { createTestDatabase, type TestDatabase, type TestDatabaseKind } from '../../../../libs/database/testing/test-database';
import type { NewExit } from './exit-monitor-source';
import { TypeormExitMonitorSource } from './typeorm-exit-monitor-source';

jest.setTimeout(30_000);

describe.each<TestDatabaseKind>(['sqlite', 'postgres'])('TypeormExitMonitorSource on %s', (kind) => {
  let db: TestDatabase;
  let ds: DataSource;
  let source: TypeormExitMonitorSource;

  beforeEach(async () => {
    db = await createTestDatabase(kind);
    ds = db.dataSource;
    source = new TypeormExitMonitorSource(ds);
  });

  afterEach(async () => {
    await db?.drop();
  });

  const newUser = () => ds.getRepository(User).save({ email: `${randomUUID()}@example.com`, passwordHash: 'x' });
  const newStrategy = (userId: string, configuration: Record<string, unknown>, overrides: Partial<TradingStrategy> = {}) =>
    ds.getRepository(TradingStrategy).save({ userId, name: 'AAPL', type: 'dca' as const, isActive: true, configuration, state: { spent: 10 }, ...overrides });
  const stopLoss = (strategy: TradingStrategy): NewExit => ({
    strategy,
    symbol: 'AAPL',
    trigger: 'stop_loss',
    triggerPrice: 97,
    entryPrice: 100,
    intent: { symbol: 'AAPL', side: 'sell', type: 'market', timeInForce: 'day', qty: 1.5 },
    details: { threshold_price: 98, position_side: 'long', position_qty: 1.5, water_mark: 100, reason: 'stop loss: 97 is below 98' },
  });

  it('watches active strategies with exit rules, with their persisted water mark', async () => {
    const user = await newUser();
    const watched = await newStrategy(user.id, { symbol: 'AAPL', stop_loss_pct: 2, trailing_stop_pct: 1 }, { state: { exit: { side: 'long', water_mark: 110, after_exit: 0 } } });
    await newStrategy(user.id, { symbol: 'AAPL' });
    await newStrategy(user.id, { symbol: 'AAPL', stop_loss_pct: 2 }, { isActive: false });

    expect(await source.listWatchedStrategies()).toEqual([
      expect.objectContaining({ id: watched.id, symbol: 'AAPL', rules: { stopLossPct: 2, trailingStopPct: 1 }, waterMark: { side: 'long', water_mark: 110, after_exit: 0 } }),
    ]);
  });

  it('records an exit with its pending order in one go, numbering exits per strategy', async () => {
    const user = await newUser();
    const strategy = await newStrategy(user.id, { symbol: 'AAPL', stop_loss_pct: 2 });
    const compact = strategy.id.replace(/-/g, '');

    const first = await source.recordExit(stopLoss(strategy));
    expect(first).toMatchObject({
      strategyName: 'AAPL',
      strategyType: 'dca',
      trigger: 'stop_loss',
      triggerPrice: 97,
      entryPrice: 100,
      details: { seq: 1, client_order_id: `ax-${compact}-1`, position_qty: 1.5 },
      order: { clientOrderId: `ax-${compact}-1`, status: 'pending', brokerOrderId: null, intent: { side: 'sell', qty: 1.5, type: 'market' } },
    });
    const row = await ds.getRepository(BotOrder).findOneByOrFail({ id: first!.order.id });
    expect(row).toMatchObject({ strategyId: strategy.id, runNumber: null, gridLevel: null, status: 'pending' });
    expect(await source.listUnsentExits()).toEqual([expect.objectContaining({ eventId: first!.eventId })]);

    await ds.getRepository(BotOrder).update(first!.order.id, { status: 'filled', brokerOrderId: 'b-1' });
    expect(await source.listUnsentExits()).toEqual([]);
    const second = await source.recordExit(stopLoss(strategy));
    expect(second?.order.clientOrderId).toBe(`ax-${compact}-2`);
    expect((await source.latestExit(strategy.id))?.eventId).toBe(second!.eventId);
  });

  it("finds an exit in flight on the user's symbol, whichever strategy made it", async () => {
    const user = await newUser();
    const first = await newStrategy(user.id, { symbol: 'AAPL', stop_loss_pct: 2 });
    const exit = (await source.recordExit(stopLoss(first)))!;
    expect((await source.exitInFlight(user.id, 'AAPL'))?.eventId).toBe(exit.eventId);
    expect(await source.exitInFlight(user.id, 'MSFT')).toBeUndefined();
    expect(await source.exitInFlight((await newUser()).id, 'AAPL')).toBeUndefined();
    await ds.getRepository(BotOrder).update(exit.order.id, { status: 'filled' });
    expect(await source.exitInFlight(user.id, 'AAPL')).toBeUndefined();
  });

  it('refuses an exit number another writer took, writing nothing', async () => {
    const user = await newUser();
    const strategy = await newStrategy(user.id, { symbol: 'AAPL', stop_loss_pct: 2 });
    // Another worker's order took exit number 1 before its exit row was visible here.
    await ds.getRepository(BotOrder).save({
      userId: user.id,
      strategyId: strategy.id,
      clientOrderId: `ax-${strategy.id.replace(/-/g, '')}-1`,
      symbol: 'AAPL',
      side: 'sell' as const,
      type: 'market',
      timeInForce: 'day' as const,
      qty: 1,
      status: 'pending' as const,
    });
    expect(await source.recordExit(stopLoss(strategy))).toBeUndefined();
    expect(await ds.getRepository(ExitEvent).countBy({ strategyId: strategy.id })).toBe(0);
  });

  it('saves and forgets the water mark without touching the rest of the state', async () => {
    const user = await newUser();
    const strategy = await newStrategy(user.id, { symbol: 'AAPL', trailing_stop_pct: 2 });
    await source.saveWaterMark(strategy.id, { side: 'long', water_mark: 104.5, after_exit: 0 });
    expect((await ds.getRepository(TradingStrategy).findOneByOrFail({ id: strategy.id })).state).toEqual({ spent: 10, exit: { side: 'long', water_mark: 104.5, after_exit: 0 } });
    await source.saveWaterMark(strategy.id, null);
    expect((await ds.getRepository(TradingStrategy).findOneByOrFail({ id: strategy.id })).state).toEqual({ spent: 10 });
  });

  it('abandons an unsent exit and deactivates a strategy', async () => {
    const user = await newUser();
    const strategy = await newStrategy(user.id, { symbol: 'AAPL', stop_loss_pct: 2 });
    const exit = (await source.recordExit(stopLoss(strategy)))!;
    await source.abandonExit(exit, 'position closed');
    expect(await ds.getRepository(BotOrder).findOneByOrFail({ id: exit.order.id })).toMatchObject({ status: 'canceled' });
    expect((await source.latestExit(strategy.id))?.details.abandoned).toBe('position closed');
    await source.deactivate(strategy.id);
    expect(await source.listWatchedStrategies()).toEqual([]);
  });
});
