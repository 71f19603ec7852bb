import type { EntityManager } from 'typeorm';
import { TradingStrategy } from './entities';

/** The key of trading_strategies.state that the position-exit monitor owns (its trailing water mark). */
export const EXIT_STATE_KEY = 'exit';

/**
 * Read-modify-write of one strategy's state inside the caller's transaction. Several writers share
 * the column (a run's next state, a grid's start state, the exit monitor's water mark), each owning
 * its own keys, so each must change only its keys of the state as it is now, never of a copy read
 * earlier. PostgreSQL locks the row so two writers cannot interleave; SQLite writes are already
 * serialised (queueSqliteWrite, and SQLite's own write lock). Returns false when the strategy is gone.
 */
export async function updateStrategyState(
  manager: EntityManager,
  strategyId: string,
  change: (state: Record<string, unknown>) => Record<string, unknown>,
): Promise<boolean> {
  const lock = manager.connection.options.type === 'postgres' ? { lock: { mode: 'pessimistic_write' as const } } : {};
  const row = await manager.getRepository(TradingStrategy).findOne({ where: { id: strategyId }, select: { id: true, state: true }, ...lock });
  if (!row) return false;
  // TypeORM's update() types JSON columns as deep-partial entities; the value is stored whole.
  await manager.getRepository(TradingStrategy).update(strategyId, { state: change(row.state ?? {}) as never });
  return true;
}
