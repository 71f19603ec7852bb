import type { DataSource } from 'typeorm';
import { GridOrderStore } from '../activities/grid/grid-order-store';
import { TypeormExecutionStore } from '../activities/strategy-execution/typeorm-execution-store';
import { TypeormExitMonitorSource } from '../apps/worker/src/position-exit-monitor/typeorm-exit-monitor-source';
import { TradingStrategy, User } from '../libs/database/entities';
import { createTestDatabase, type TestDatabase, type TestDatabaseKind } from '../libs/database/testing/test-database';

/**
 * trading_strategies.state has several writers, each owning its keys: a run's next state, a grid's
 * start state and the exit monitor's trailing water mark (`exit`). A writer must never put back a
 * key it read before another writer changed it.
 */
describe.each<TestDatabaseKind>(['sqlite', 'postgres'])('strategy state writers on %s', (kind) => {
  let db: TestDatabase;
  let ds: DataSource;
  let user: User;
  const mark = (waterMark: number) => ({ side: 'long' as const, water_mark: waterMark, after_exit: 0 });
  const stateOf = async (id: string) => (await ds.getRepository(TradingStrategy).findOneByOrFail({ id })).state;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    ds = db.dataSource;
    user = await ds.getRepository(User).save({ email: `state-${kind}@example.com`, passwordHash: 'x' });
  }, 60_000);

  afterAll(async () => {
    await db?.drop();
  });

  it("a run's next state keeps the water mark the exit monitor moved during the run", async () => {
    const strategy = await ds.getRepository(TradingStrategy).save({ userId: user.id, name: 'dca', type: 'dca' as const, configuration: {}, state: { spent: 100, exit: mark(100) } });
    const runs = new TypeormExecutionStore(ds);
    const loaded = await runs.loadStrategy(strategy.id);
    await runs.beginExecution({ strategyId: strategy.id, userId: user.id, runNumber: 1, trigger: 'scheduled' });

    await new TypeormExitMonitorSource(ds).saveWaterMark(strategy.id, mark(120));
    const result = { strategy_id: strategy.id, run_number: 1, trigger: 'scheduled' as const, action: 'buy' as const, reason: 'r', executed_at: new Date().toISOString() };
    await runs.finishExecution({ strategyId: strategy.id, runNumber: 1, result, nextState: { ...loaded!.state, spent: 200 } });

    expect(await stateOf(strategy.id)).toEqual({ spent: 200, exit: mark(120) });
  });

  it("a run does not bring back a water mark the exit monitor cleared, and the monitor keeps the run's keys", async () => {
    const strategy = await ds.getRepository(TradingStrategy).save({ userId: user.id, name: 'dca2', type: 'dca' as const, configuration: {}, state: { spent: 100, exit: mark(100) } });
    const runs = new TypeormExecutionStore(ds);
    await runs.beginExecution({ strategyId: strategy.id, userId: user.id, runNumber: 1, trigger: 'scheduled' });
    await new TypeormExitMonitorSource(ds).saveWaterMark(strategy.id, null);
    const result = { strategy_id: strategy.id, run_number: 1, trigger: 'scheduled' as const, action: 'hold' as const, reason: 'r', executed_at: new Date().toISOString() };
    await runs.finishExecution({ strategyId: strategy.id, runNumber: 1, result, nextState: { spent: 150, exit: mark(100) } });
    expect(await stateOf(strategy.id)).toEqual({ spent: 150 });

    await new TypeormExitMonitorSource(ds).saveWaterMark(strategy.id, mark(130));
    expect(await stateOf(strategy.id)).toEqual({ spent: 150, exit: mark(130) });
  });

  it("a grid's start state and its clearing leave the water mark alone", async () => {
    const strategy = await ds.getRepository(TradingStrategy).save({ userId: user.id, name: 'grid', type: 'spot_grid' as const, configuration: {}, state: { exit: mark(100) } });
    const grid = new GridOrderStore(ds);
    await grid.recordSetup(strategy.id, { start_price: 100 } as never, []);
    expect(await stateOf(strategy.id)).toEqual({ exit: mark(100), grid: { start_price: 100 } });
    await grid.clearGridState(strategy.id);
    expect(await stateOf(strategy.id)).toEqual({ exit: mark(100) });
  });
});
