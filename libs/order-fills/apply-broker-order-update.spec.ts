import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { StrategyType } from '../contracts';
import type { BrokerOrder } from '../broker/broker.port';
import { BotOrder, Trade, TradingStrategy, User } from '../database/entities';
import { createTestDatabase, type TestDatabase, type TestDatabaseKind } from '../database/testing/test-database';
import { applyBrokerOrderUpdate } from './apply-broker-order-update';

// Runs against a fresh SQLite file and a fresh PostgreSQL database, both built by the migrations.
jest.setTimeout(30_000);

describe.each<TestDatabaseKind>(['sqlite', 'postgres'])('applyBrokerOrderUpdate on %s', (kind) => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    ds = db.dataSource;
  });

  afterAll(async () => {
    await db?.drop();
  });

  async function newOrder(type: StrategyType, overrides: Partial<BotOrder> = {}): Promise<BotOrder> {
    const user = await ds.getRepository(User).save({ email: `${randomUUID()}@example.com`, passwordHash: 'x' });
    const strategy = await ds.getRepository(TradingStrategy).save({ userId: user.id, name: 'BTC', type, configuration: {} });
    return ds.getRepository(BotOrder).save({
      userId: user.id,
      strategyId: strategy.id,
      clientOrderId: `ag-${randomUUID()}`,
      brokerOrderId: randomUUID(),
      symbol: 'BTC/USD',
      side: 'buy' as const,
      type: 'limit',
      timeInForce: 'gtc' as const,
      qty: 2,
      limitPrice: 100,
      status: 'new' as const,
      ...overrides,
    });
  }

  function brokerOrder(row: BotOrder, overrides: Partial<BrokerOrder> = {}): BrokerOrder {
    return {
      id: row.brokerOrderId ?? 'broker-1',
      clientOrderId: row.clientOrderId,
      symbol: row.symbol,
      side: row.side,
      type: 'limit',
      timeInForce: 'gtc',
      qty: row.qty,
      notional: null,
      limitPrice: row.limitPrice,
      status: 'new',
      filledQty: 0,
      filledAvgPrice: null,
      submittedAt: '2030-01-02T03:04:05.000Z',
      filledAt: null,
      ...overrides,
    };
  }

  const filled = (row: BotOrder, extra: Partial<BrokerOrder> = {}) =>
    brokerOrder(row, { status: 'filled', filledQty: 2, filledAvgPrice: 99.5, filledAt: '2030-01-02T03:05:00.000Z', ...extra });
  const partial = (row: BotOrder, qty: number, avg: number) => brokerOrder(row, { status: 'partially_filled', filledQty: qty, filledAvgPrice: avg });
  const tradesOf = (row: BotOrder) => ds.getRepository(Trade).find({ where: { orderId: row.id }, order: { executedAt: 'ASC', qty: 'ASC' } });
  const reload = (row: BotOrder) => ds.getRepository(BotOrder).findOneByOrFail({ id: row.id });

  it('records a first fill: row filled, one trade at the execution price, keyed by broker id and cumulative qty', async () => {
    const row = await newOrder('dca');
    const result = await applyBrokerOrderUpdate(ds, {
      order: filled(row),
      executionQty: 2,
      executionPrice: 99.4,
      timestamp: '2030-01-02T03:05:00.000Z',
    });

    expect(result?.newFill).toEqual({ qty: 2, price: 99.4, notional: 198.8, executionKey: `${row.brokerOrderId}:2` });
    expect(result?.strategyType).toBe('dca');
    expect(result?.fillEvent).toBeUndefined();
    expect(await reload(row)).toMatchObject({ status: 'filled', filledQty: 2, filledAvgPrice: 99.5, filledAt: new Date('2030-01-02T03:05:00.000Z') });
    const trades = await tradesOf(row);
    expect(trades).toHaveLength(1);
    expect(trades[0]).toMatchObject({
      userId: row.userId,
      strategyId: row.strategyId,
      brokerOrderId: row.brokerOrderId,
      executionKey: `${row.brokerOrderId}:2`,
      symbol: 'BTC/USD',
      side: 'buy',
      qty: 2,
      price: 99.4,
      notional: 198.8,
      realizedPnl: null,
      executedAt: new Date('2030-01-02T03:05:00.000Z'),
    });
  });

  it('records a partial fill, then the rest, as two trades whose quantities add up', async () => {
    const row = await newOrder('dca');
    await applyBrokerOrderUpdate(ds, { order: partial(row, 0.5, 100), executionQty: 0.5, executionPrice: 100 });
    expect(await reload(row)).toMatchObject({ status: 'partially_filled', filledQty: 0.5, filledAvgPrice: 100 });

    // The poll saw the end state without the execution: the rest is priced from the averages.
    const result = await applyBrokerOrderUpdate(ds, { order: filled(row, { filledAvgPrice: 99.25 }) });
    expect(result?.newFill).toMatchObject({ qty: 1.5, price: 99, executionKey: `${row.brokerOrderId}:2` });
    expect(await reload(row)).toMatchObject({ status: 'filled', filledQty: 2, filledAvgPrice: 99.25 });
    expect((await tradesOf(row)).map((t) => [t.qty, t.price, t.executionKey])).toEqual([
      [0.5, 100, `${row.brokerOrderId}:0.5`],
      [1.5, 99, `${row.brokerOrderId}:2`],
    ]);
  });

  it('ignores a duplicate: the same fill from stream and poll is one trade', async () => {
    const row = await newOrder('dca');
    expect((await applyBrokerOrderUpdate(ds, { order: filled(row), executionQty: 2, executionPrice: 99.5 }))?.newFill).toBeDefined();
    const again = await applyBrokerOrderUpdate(ds, { order: filled(row) });
    expect(again?.newFill).toBeUndefined();
    expect(again?.row).toMatchObject({ status: 'filled', filledQty: 2 });
    expect(await tradesOf(row)).toHaveLength(1);
  });

  it('ignores older events arriving after newer ones', async () => {
    const row = await newOrder('dca');
    await applyBrokerOrderUpdate(ds, { order: filled(row) });
    const stale = await applyBrokerOrderUpdate(ds, { order: partial(row, 0.5, 100), executionQty: 0.5, executionPrice: 100 });
    const older = await applyBrokerOrderUpdate(ds, { order: brokerOrder(row, { status: 'new' }) });
    expect(stale?.newFill).toBeUndefined();
    expect(older?.newFill).toBeUndefined();
    expect(await reload(row)).toMatchObject({ status: 'filled', filledQty: 2, filledAvgPrice: 99.5 });
    expect(await tradesOf(row)).toHaveLength(1);
  });

  it('records two concurrent applies of the same fill exactly once', async () => {
    const row = await newOrder('dca');
    const results = await Promise.all(
      Array.from({ length: 4 }, () => applyBrokerOrderUpdate(ds, { order: filled(row), executionQty: 2, executionPrice: 99.5 })),
    );
    expect(results.filter((r) => r?.newFill)).toHaveLength(1);
    expect(results.every((r) => r?.row.status === 'filled' && r.row.filledQty === 2)).toBe(true);
    expect(await tradesOf(row)).toHaveLength(1);
  });

  it('records concurrent partial and full fills of one order without double counting', async () => {
    const row = await newOrder('dca');
    await Promise.all([
      applyBrokerOrderUpdate(ds, { order: partial(row, 0.5, 100), executionQty: 0.5, executionPrice: 100 }),
      applyBrokerOrderUpdate(ds, { order: filled(row, { filledAvgPrice: 99.25 }) }),
    ]);
    const trades = await tradesOf(row);
    expect(trades.reduce((sum, t) => sum + t.qty, 0)).toBe(2);
    expect(await reload(row)).toMatchObject({ status: 'filled', filledQty: 2 });
  });

  it('moves status forward only, and takes the broker order id of a row that had none', async () => {
    const row = await newOrder('dca', { status: 'pending', brokerOrderId: null });
    const accepted = await applyBrokerOrderUpdate(ds, { order: { ...brokerOrder(row, { status: 'accepted' }), id: 'broker-late' } });
    expect(accepted?.row).toMatchObject({ status: 'accepted', brokerOrderId: 'broker-late', submittedAt: new Date('2030-01-02T03:04:05.000Z') });
    expect(accepted?.newFill).toBeUndefined();

    await applyBrokerOrderUpdate(ds, { order: { ...brokerOrder(row, { status: 'canceled' }), id: 'broker-late' } });
    expect(await reload(row)).toMatchObject({ status: 'canceled', filledQty: 0 });
    await applyBrokerOrderUpdate(ds, { order: { ...brokerOrder(row, { status: 'new' }), id: 'broker-late' } });
    expect((await reload(row)).status).toBe('canceled');
    expect(await tradesOf(row)).toHaveLength(0);
  });

  it.each(['expired', 'rejected'] as const)('records %s', async (status) => {
    const row = await newOrder('dca');
    await applyBrokerOrderUpdate(ds, { order: brokerOrder(row, { status }) });
    expect((await reload(row)).status).toBe(status);
  });

  it('finds an order by broker id when the client order id is not ours, and ignores orders that are not ours', async () => {
    const row = await newOrder('dca');
    const byBrokerId = await applyBrokerOrderUpdate(ds, { order: { ...filled(row), clientOrderId: 'manual-order' } });
    expect(byBrokerId?.row.id).toBe(row.id);
    expect(await applyBrokerOrderUpdate(ds, { order: { ...filled(row), id: randomUUID(), clientOrderId: 'someone-else' } })).toBeUndefined();
  });

  it('returns the orderFilled event of a grid order while its fill is not countered, new fill or not', async () => {
    const row = await newOrder('spot_grid');
    const first = await applyBrokerOrderUpdate(ds, { order: partial(row, 0.5, 100) });
    expect(first?.fillEvent).toEqual({
      strategyId: row.strategyId,
      brokerOrderId: row.brokerOrderId,
      clientOrderId: row.clientOrderId,
      side: 'buy',
      filledQty: 0.5,
      filledAvgPrice: 100,
      final: false,
    });
    // Signal lost (crash): the next sighting of the same state asks again.
    const replay = await applyBrokerOrderUpdate(ds, { order: partial(row, 0.5, 100) });
    expect(replay?.newFill).toBeUndefined();
    expect(replay?.fillEvent).toMatchObject({ filledQty: 0.5, final: false });

    await ds.getRepository(BotOrder).update(row.id, { counteredQty: 0.5 });
    expect((await applyBrokerOrderUpdate(ds, { order: partial(row, 0.5, 100) }))?.fillEvent).toBeUndefined();
    const done = await applyBrokerOrderUpdate(ds, { order: filled(row) });
    expect(done?.fillEvent).toMatchObject({ filledQty: 2, filledAvgPrice: 99.5, final: true });
  });

  it('sends no event for a grid order that never filled', async () => {
    const row = await newOrder('infinity_grid');
    expect((await applyBrokerOrderUpdate(ds, { order: brokerOrder(row, { status: 'canceled' }) }))?.fillEvent).toBeUndefined();
  });
});
