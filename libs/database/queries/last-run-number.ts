import type { DataSource } from 'typeorm';
import { StrategyExecution } from '../entities/strategy-execution.entity';

/**
 * The highest run number a strategy has used (0 when it never ran). A restarted workflow
 * continues from it: run numbers key executions and client_order_ids, so they must never repeat.
 * Served by the unique (strategy_id, run_number) index.
 */
export async function lastRunNumber(dataSource: DataSource, strategyId: string): Promise<number> {
  const row: { last: number | string | null } | undefined = await dataSource
    .getRepository(StrategyExecution)
    .createQueryBuilder('run')
    .select('MAX(run.runNumber)', 'last')
    .where('run.strategyId = :strategyId', { strategyId })
    .getRawOne();
  // PostgreSQL returns aggregates as strings.
  return Number(row?.last ?? 0);
}
