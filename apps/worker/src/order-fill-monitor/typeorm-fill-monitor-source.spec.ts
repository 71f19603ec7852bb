import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { StrategyType } from '../../../../libs/contracts';
import { AlpacaOauthToken, BotOrder, TradingStrategy, User } from '../../../../libs/database/entities';
import { createTestDatabase, type TestDatabase, type TestDatabaseKind } from '../../../../libs/database/testing/test-database';
import { TypeormFillMonitorSource } from './typeorm-fill-monitor-source';

jest.setTimeout(30_000);

describe.each<TestDatabaseKind>(['sqlite', 'postgres'])('TypeormFillMonitorSource on %s', (kind) => {
  let db: TestDatabase;
  let ds: DataSource;
  let source: TypeormFillMonitorSource;

  beforeEach(async () => {
    db = await createTestDatabase(kind);
    ds = db.dataSource;
    source = new TypeormFillMonitorSource(ds);
  });

  afterEach(async () => {
    await db?.drop();
  });

  const newUser = async () => ds.getRepository(User).save({ email: `${randomUUID()}@example.com`, passwordHash: 'x' });
  const connect = (userId: string) =>
    ds.getRepository(AlpacaOauthToken).save({ userId, environment: 'paper' as const, authType: 'key' as const, keyId: 'cipher-k', secretKey: 'cipher-s' });
  const newStrategy = (userId: string, type: StrategyType, isActive = true) =>
    ds.getRepository(TradingStrategy).save({ userId, name: type, type, isActive, configuration: {} });
  const newOrder = (strategy: TradingStrategy, overrides: Partial<BotOrder>) =>
    ds.getRepository(BotOrder).save({
      userId: strategy.userId,
      strategyId: strategy.id,
      clientOrderId: randomUUID(),
      brokerOrderId: randomUUID(),
      symbol: 'BTC/USD',
      side: 'buy' as const,
      type: 'limit',
      timeInForce: 'gtc' as const,
      qty: 1,
      limitPrice: 100,
      status: 'new' as const,
      ...overrides,
    });

  it('streams the accounts of users with stored credentials and an active strategy, once each', async () => {
    const [streamed, inactiveOnly, unconnected] = [await newUser(), await newUser(), await newUser()];
    await connect(streamed.id);
    await connect(inactiveOnly.id);
    await newStrategy(streamed.id, 'dca');
    await newStrategy(streamed.id, 'spot_grid');
    await newStrategy(inactiveOnly.id, 'dca', false);
    await newStrategy(unconnected.id, 'dca');

    const accounts = await source.listStreamedAccounts();
    expect(accounts.map((a) => a.userId)).toEqual([streamed.id]);

    // Connecting again (new credentials) must reopen the stream.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await ds.getRepository(AlpacaOauthToken).update({ userId: streamed.id }, { keyId: 'cipher-k2' });
    const [again] = await source.listStreamedAccounts();
    expect(again.connectionVersion).not.toBe(accounts[0].connectionVersion);
  });

  it('selects open orders, long-unacknowledged ones and uncountered fills of active grids', async () => {
    const user = await newUser();
    const grid = await newStrategy(user.id, 'spot_grid');
    const stoppedGrid = await newStrategy(user.id, 'infinity_grid', false);
    const dca = await newStrategy(user.id, 'dca');

    const wanted = [
      await newOrder(dca, { status: 'new' }),
      await newOrder(dca, { status: 'partially_filled', filledQty: 0.5 }),
      await newOrder(dca, { status: 'pending', brokerOrderId: null }),
      await newOrder(grid, { status: 'filled', filledQty: 1, counteredQty: 0.5 }),
    ];
    const unwanted = [
      await newOrder(dca, { status: 'filled', filledQty: 1 }),
      await newOrder(dca, { status: 'canceled' }),
      await newOrder(dca, { status: 'pending', brokerOrderId: null }),
      await newOrder(grid, { status: 'filled', filledQty: 1, counteredQty: 1 }),
      await newOrder(stoppedGrid, { status: 'filled', filledQty: 1, counteredQty: 0 }),
    ];
    const cutoff = new Date(Date.now() - 30_000);
    await ds.getRepository(BotOrder).update(wanted[2].id, { createdAt: new Date(cutoff.getTime() - 1_000) });

    const found = await source.listOrdersToCheck(cutoff);
    const ids = found.map((o) => o.row.id);
    expect(ids.sort()).toEqual(wanted.map((o) => o.id).sort());
    for (const order of unwanted) expect(ids).not.toContain(order.id);
    expect(found.find((o) => o.row.id === wanted[3].id)?.strategyType).toBe('spot_grid');
  });
});
