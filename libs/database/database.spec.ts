import { existsSync } from 'node:fs';
import { QueryFailedError, type DataSource } from 'typeorm';
import {
  AlpacaOauthToken,
  BotOrder,
  BotRiskEvent,
  ExitEvent,
  StrategyExecution,
  Trade,
  TradingStrategy,
  User,
} from './entities';
import { createTestDatabase, type TestDatabase, type TestDatabaseKind } from './testing/test-database';
import { ALL_MIGRATIONS } from './migrations';

// Integration tests against real databases: a fresh SQLite file and a fresh PostgreSQL database
// (local server, see TEST_POSTGRES_URL), both built only by the migrations.
jest.setTimeout(30_000);

let sequence = 0;
const unique = (prefix: string) => `${prefix}-${Date.now()}-${++sequence}`;

async function newUser(ds: DataSource, email = `${unique('trader')}@example.com`): Promise<User> {
  return ds.getRepository(User).save({ email, passwordHash: 'scrypt$32768$8$1$c2FsdA==$aGFzaA==' });
}

async function newStrategy(ds: DataSource, userId: string): Promise<TradingStrategy> {
  return ds.getRepository(TradingStrategy).save({
    userId,
    name: 'BTC DCA',
    type: 'dca',
    configuration: { symbol: 'BTC/USD', amount_per_buy: 25, allocated_capital: 1000, nested: { levels: [1, 2.5] } },
  });
}

async function newOrder(ds: DataSource, strategy: TradingStrategy, overrides: Partial<BotOrder> = {}): Promise<BotOrder> {
  return ds.getRepository(BotOrder).save({
    userId: strategy.userId,
    strategyId: strategy.id,
    clientOrderId: unique('ap'),
    symbol: 'BTC/USD',
    side: 'buy' as const,
    type: 'limit',
    timeInForce: 'gtc' as const,
    qty: 0.000123456,
    limitPrice: 64250.75,
    ...overrides,
  });
}

async function rejects(run: Promise<unknown>): Promise<void> {
  await expect(run).rejects.toBeInstanceOf(QueryFailedError);
}

describe.each<TestDatabaseKind>(['sqlite', 'postgres'])('database on %s', (kind) => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    ds = db.dataSource;
  });
  afterAll(() => db?.drop());

  it('builds exactly the schema the entities describe, with nothing left pending', async () => {
    const diff = await ds.driver.createSchemaBuilder().log();
    expect(diff.upQueries.map((query) => query.query)).toEqual([]);
    expect(await ds.showMigrations()).toBe(false);
    expect(await ds.runMigrations()).toEqual([]);
  });

  it('stores users with a lowercased, unique email and generated id and timestamps', async () => {
    const before = Date.now();
    const user = await newUser(ds, '  Alice.Trader@Example.COM ');
    expect(user.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const loaded = await ds.getRepository(User).findOneByOrFail({ email: 'ALICE.TRADER@example.com' });
    expect(loaded).toMatchObject({ id: user.id, email: 'alice.trader@example.com', role: 'user', riskLimits: null });
    expect(loaded.createdAt).toBeInstanceOf(Date);
    expect(loaded.createdAt.getTime()).toBeGreaterThanOrEqual(before - 2000);
    expect(loaded.createdAt.getTime()).toBeLessThanOrEqual(Date.now() + 2000);
    await rejects(newUser(ds, 'alice.trader@EXAMPLE.com'));
    await rejects(ds.getRepository(User).insert({ email: unique('x'), passwordHash: 'h', role: 'root' as never }));
  });

  it('round-trips JSON and booleans on trading_strategies', async () => {
    const user = await newUser(ds);
    const strategy = await newStrategy(ds, user.id);
    const repository = ds.getRepository(TradingStrategy);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await repository.save({ id: strategy.id, state: { spent: 75.5, buys: 3, last: null } });
    const loaded = await repository.findOneByOrFail({ id: strategy.id });
    expect(loaded).toMatchObject({ isActive: true, autoStart: false, state: { spent: 75.5, buys: 3, last: null } });
    expect(loaded.updatedAt.getTime()).toBeGreaterThan(loaded.createdAt.getTime());
    expect(loaded.configuration).toEqual(strategy.configuration);
    expect(await repository.countBy({ userId: user.id, isActive: true })).toBe(1);
  });

  it('returns decimals as numbers on bot_orders, with filled_qty defaulting to 0', async () => {
    const strategy = await newStrategy(ds, (await newUser(ds)).id);
    const order = await newOrder(ds, strategy, { notional: null, gridLevel: 3, runNumber: 7 });
    const loaded = await ds.getRepository(BotOrder).findOneByOrFail({ id: order.id });
    expect(loaded).toMatchObject({ qty: 0.000123456, limitPrice: 64250.75, notional: null, filledQty: 0, status: 'pending' });
    expect(typeof loaded.qty).toBe('number');
    await new Promise((resolve) => setTimeout(resolve, 5));
    await ds.getRepository(BotOrder).update(order.id, { status: 'filled', filledQty: 0.000123456, filledAvgPrice: 64100.1, filledAt: new Date('2025-03-01T15:04:05.678Z') });
    const filled = await ds.getRepository(BotOrder).findOneByOrFail({ clientOrderId: order.clientOrderId });
    expect(filled).toMatchObject({ status: 'filled', filledQty: 0.000123456, filledAvgPrice: 64100.1, filledAt: new Date('2025-03-01T15:04:05.678Z') });
    expect(filled.updatedAt.getTime()).toBeGreaterThan(filled.createdAt.getTime());
  });

  it('enforces unique client_order_id', async () => {
    const strategy = await newStrategy(ds, (await newUser(ds)).id);
    const order = await newOrder(ds, strategy);
    await rejects(newOrder(ds, strategy, { clientOrderId: order.clientOrderId }));
  });

  it('stores broker credentials, one connection per user, and refuses rows without credentials', async () => {
    const user = await newUser(ds);
    const tokens = ds.getRepository(AlpacaOauthToken);
    const expiresAt = new Date('2030-01-01T00:00:00.000Z');
    await tokens.save({ userId: user.id, environment: 'paper', authType: 'oauth', accessToken: 'v1:aXY=:dGFn:Y3Q=', expiresAt });
    expect(await tokens.findOneByOrFail({ userId: user.id })).toMatchObject({ authType: 'oauth', keyId: null, expiresAt });
    await rejects(tokens.insert({ userId: user.id, environment: 'paper', authType: 'key', keyId: 'k', secretKey: 's' }));
    const other = await newUser(ds);
    await rejects(tokens.insert({ userId: other.id, environment: 'paper', authType: 'key', keyId: 'k' }));
    await rejects(tokens.insert({ userId: other.id, environment: 'demo' as never, authType: 'oauth', accessToken: 't' }));
  });

  it('records trades, risk events and exit events with numeric amounts and JSON details', async () => {
    const strategy = await newStrategy(ds, (await newUser(ds)).id);
    const order = await newOrder(ds, strategy);
    const executedAt = new Date('2025-03-01T15:04:05.123Z');
    const trade = await ds.getRepository(Trade).save({
      userId: strategy.userId,
      strategyId: strategy.id,
      orderId: order.id,
      brokerOrderId: 'b-1',
      symbol: 'BTC/USD',
      side: 'sell' as const,
      qty: 0.5,
      price: 65000.25,
      notional: 32500.125,
      realizedPnl: -12.34,
      executedAt,
    });
    expect(await ds.getRepository(Trade).findOneByOrFail({ id: trade.id })).toMatchObject({
      qty: 0.5,
      price: 65000.25,
      notional: 32500.125,
      realizedPnl: -12.34,
      executedAt,
    });

    await ds.getRepository(BotRiskEvent).insert([
      { userId: strategy.userId, strategyId: strategy.id, rule: 'max_position_size', reason: 'too big', details: { limit: 1000, requested: 1500 } },
      { userId: strategy.userId, strategyId: null, rule: 'daily_loss_limit', reason: 'account-wide', details: {} },
    ]);
    const risks = await ds.getRepository(BotRiskEvent).find({ where: { userId: strategy.userId }, order: { rule: 'ASC' } });
    expect(risks.map((risk) => [risk.rule, risk.strategyId, risk.details])).toEqual([
      ['daily_loss_limit', null, {}],
      ['max_position_size', strategy.id, { limit: 1000, requested: 1500 }],
    ]);

    const exit = await ds.getRepository(ExitEvent).save({
      userId: strategy.userId,
      strategyId: strategy.id,
      symbol: 'BTC/USD',
      trigger: 'trailing_stop' as const,
      triggerPrice: 61000.5,
      entryPrice: 64000,
      exitOrderId: order.id,
      details: { trail_percent: 3 },
    });
    expect(await ds.getRepository(ExitEvent).findOneByOrFail({ id: exit.id })).toMatchObject({ triggerPrice: 61000.5, entryPrice: 64000, details: { trail_percent: 3 } });
    await rejects(
      ds.getRepository(ExitEvent).insert({ userId: strategy.userId, strategyId: strategy.id, symbol: 'X', trigger: 'panic' as never, triggerPrice: 1, entryPrice: 1, details: {} }),
    );
  });

  it('keeps one execution per (strategy, run_number): a retried run upserts its row', async () => {
    const strategy = await newStrategy(ds, (await newUser(ds)).id);
    const executions = ds.getRepository(StrategyExecution);
    // A fresh object per write: TypeORM writes the generated id back into the object it is given.
    const run = () => ({ userId: strategy.userId, strategyId: strategy.id, runNumber: 1, trigger: 'initial' as const });
    await executions.insert(run());
    const { startedAt } = await executions.findOneByOrFail({ strategyId: strategy.id, runNumber: 1 });
    await rejects(executions.insert(run()));
    await new Promise((resolve) => setTimeout(resolve, 5));

    const order = await newOrder(ds, strategy, { runNumber: 1 });
    const result = { strategy_id: strategy.id, action: 'buy', reason: 'DCA buy', order: { id: order.id } };
    await executions.upsert(
      { ...run(), status: 'succeeded', action: 'buy', reason: 'DCA buy', orderId: order.id, attempts: 2, result, finishedAt: new Date() },
      ['strategyId', 'runNumber'],
    );
    const rows = await executions.findBy({ strategyId: strategy.id });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'succeeded', action: 'buy', attempts: 2, orderId: order.id, result, error: null });
    expect(rows[0].startedAt).toEqual(startedAt);
    expect(rows[0].startedAt.getTime()).toBeLessThan(rows[0].finishedAt!.getTime());
    await executions.upsert({ ...run(), runNumber: 2, trigger: 'scheduled' }, ['strategyId', 'runNumber']);
    expect((await executions.findOneByOrFail({ strategyId: strategy.id, runNumber: 2 })).id).toMatch(/^[0-9a-f-]{36}$/);
    await rejects(executions.insert({ ...run(), runNumber: 3, trigger: 'whenever' as never }));
  });

  it('orders rows created within one second by created_at (millisecond precision)', async () => {
    const strategy = await newStrategy(ds, (await newUser(ds)).id);
    const first = await newOrder(ds, strategy);
    await new Promise((resolve) => setTimeout(resolve, 15));
    const second = await newOrder(ds, strategy);
    const ordered = await ds.getRepository(BotOrder).find({ where: { strategyId: strategy.id }, order: { createdAt: 'DESC' } });
    expect(ordered.map((order) => order.id)).toEqual([second.id, first.id]);
    expect(ordered[0].createdAt.getTime()).toBeGreaterThan(ordered[1].createdAt.getTime());
  });

  it("deletes a user's strategies and everything under them with the user", async () => {
    const user = await newUser(ds);
    const strategy = await newStrategy(ds, user.id);
    const order = await newOrder(ds, strategy);
    await ds.getRepository(StrategyExecution).insert({ userId: user.id, strategyId: strategy.id, runNumber: 1, trigger: 'scheduled', orderId: order.id });
    await ds.getRepository(Trade).insert({
      userId: user.id, strategyId: strategy.id, orderId: order.id, brokerOrderId: 'b', symbol: 'X', side: 'buy', qty: 1, price: 1, notional: 1, executedAt: new Date(),
    });
    await ds.getRepository(AlpacaOauthToken).insert({ userId: user.id, environment: 'paper', authType: 'key', keyId: 'k', secretKey: 's' });
    const bystander = await newStrategy(ds, (await newUser(ds)).id);

    await ds.getRepository(User).delete(user.id);

    for (const entity of [TradingStrategy, BotOrder, StrategyExecution, Trade]) {
      expect(await ds.getRepository(entity).countBy({ userId: user.id })).toBe(0);
    }
    expect(await ds.getRepository(AlpacaOauthToken).countBy({ userId: user.id })).toBe(0);
    expect(await ds.getRepository(TradingStrategy).existsBy({ id: bystander.id })).toBe(true);
  });

  it('keeps executions when their order is deleted, clearing order_id', async () => {
    const strategy = await newStrategy(ds, (await newUser(ds)).id);
    const order = await newOrder(ds, strategy);
    await ds.getRepository(StrategyExecution).insert({ userId: strategy.userId, strategyId: strategy.id, runNumber: 1, trigger: 'manual', orderId: order.id });
    await ds.getRepository(BotOrder).delete(order.id);
    expect(await ds.getRepository(StrategyExecution).findOneByOrFail({ strategyId: strategy.id })).toMatchObject({ orderId: null });
  });

  it('keeps an id given by the caller', async () => {
    const id = '11111111-2222-4333-8444-555555555555';
    await ds.getRepository(User).insert({ id, email: `${unique('given')}@example.com`, passwordHash: 'h' });
    expect(await ds.getRepository(User).existsBy({ id })).toBe(true);
  });

  it('rejects rows that point at missing parents', async () => {
    await rejects(newStrategy(ds, '00000000-0000-4000-8000-000000000000'));
  });
});

describe('createTestDatabase', () => {
  it('configures SQLite for two processes: WAL, foreign keys, busy timeout', async () => {
    const db = await createTestDatabase('sqlite');
    try {
      const pragma = async (name: string) => Object.values((await db.dataSource.query(`PRAGMA ${name}`))[0])[0];
      expect(await pragma('journal_mode')).toBe('wal');
      expect(await pragma('foreign_keys')).toBe(1);
      expect(await pragma('busy_timeout')).toBe(5000);
    } finally {
      await db.drop();
    }
    expect(existsSync(db.sqlitePath!)).toBe(false);
  });

  it.each<TestDatabaseKind>(['sqlite', 'postgres'])('migrates %s down to nothing and up again', async (kind) => {
    const db = await createTestDatabase(kind);
    try {
      for (let i = 0; i < ALL_MIGRATIONS.length; i++) await db.dataSource.undoLastMigration();
      const runner = db.dataSource.createQueryRunner();
      try {
        expect(await runner.hasTable('users')).toBe(false);
        expect(await runner.hasTable('strategy_executions')).toBe(false);
      } finally {
        await runner.release();
      }
      expect(await db.dataSource.runMigrations()).toHaveLength(ALL_MIGRATIONS.length);
      expect((await db.dataSource.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
    } finally {
      await db.drop();
    }
  });

  it('drops the PostgreSQL database it created', async () => {
    const db = await createTestDatabase('postgres', { migrate: false });
    const name = new URL(db.databaseUrl!).pathname.slice(1);
    expect(name).toMatch(/^autopilot_test_[0-9a-f]{12}$/);
    await db.drop();
    const { DataSource } = await import('typeorm');
    const check = new DataSource({ type: 'postgres', url: db.databaseUrl!.replace(`/${name}`, '/postgres') });
    await check.initialize();
    try {
      expect(await check.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).toEqual([]);
    } finally {
      await check.destroy();
    }
  });
});
