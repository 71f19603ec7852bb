import type { DataSource } from 'typeorm';
import { BotOrder } from '../entities/bot-order.entity';
import { StrategyExecution } from '../entities/strategy-execution.entity';

/**
 * The highest run number a strategy has used (0 when it never ran). A restarted workflow
 * continues from it: run numbers (a grid's event numbers) key executions and client_order_ids,
 * so they must never repeat. Orders count too: a crash can leave a grid order placed under an
 * event number whose execution row was never written.
 */
export async function lastRunNumber(dataSource: DataSource, strategyId: string): Promise<number> {
  const [runs, orders] = await Promise.all([maxRunNumber(dataSource, StrategyExecution, strategyId), maxRunNumber(dataSource, BotOrder, strategyId)]);
  return Math.max(runs, orders);
}

async function maxRunNumber(dataSource: DataSource, entity: typeof StrategyExecution | typeof BotOrder, strategyId: string): Promise<number> {
  const row: { last: number | string | null } | undefined = await dataSource
    .getRepository(entity)
    .createQueryBuilder('row')
    .select('MAX(row.runNumber)', 'last')
    .where('row.strategyId = :strategyId', { strategyId })
    .getRawOne();
  // PostgreSQL returns aggregates as strings.
  return Number(row?.last ?? 0);
}
