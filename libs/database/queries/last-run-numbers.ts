import { In, type DataSource } from 'typeorm';
import { StrategyExecution } from '../entities/strategy-execution.entity';

/**
 * The highest run number each strategy has used (0 when it never ran). A restarted workflow
 * continues from it: run numbers key executions and client_order_ids, so they must never repeat.
 */
export async function lastRunNumbers(dataSource: DataSource, strategyIds: string[]): Promise<Map<string, number>> {
  const found = new Map(strategyIds.map((id) => [id, 0]));
  if (strategyIds.length === 0) return found;
  const rows: Array<{ strategyId: string; last: number | string | null }> = await dataSource
    .getRepository(StrategyExecution)
    .createQueryBuilder('run')
    .select('run.strategyId', 'strategyId')
    .addSelect('MAX(run.runNumber)', 'last')
    .where({ strategyId: In(strategyIds) })
    .groupBy('run.strategyId')
    .getRawMany();
  // PostgreSQL returns aggregates as strings.
  for (const row of rows) found.set(row.strategyId, Number(row.last ?? 0));
  return found;
}
