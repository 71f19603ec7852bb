import type { DataSource } from 'typeorm';

const queues = new WeakMap<DataSource, Promise<unknown>>();

/**
 * Runs `work` after every earlier call for the same SQLite DataSource has finished. TypeORM's
 * SQLite driver shares one connection, so two transactions started concurrently in one process
 * nest as savepoints of each other, and the rollback of one can undo the other's writes.
 * PostgreSQL gives each transaction its own pooled connection: no queue there.
 */
export function queueSqliteWrite<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  if (dataSource.options.type !== 'better-sqlite3') return work();
  const previous = queues.get(dataSource) ?? Promise.resolve();
  const run = previous.then(work, work);
  queues.set(dataSource, run.catch(() => undefined));
  return run;
}
