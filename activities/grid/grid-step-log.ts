import type { DataSource } from 'typeorm';
import type { ExecutionResult } from '../../libs/contracts';
import { StrategyExecution } from '../../libs/database/entities';

/**
 * Each grid step (set-up, a fill's answer, a reconcile) is one strategy_executions row under its
 * event number, so `GET /api/strategies/:id/executions` tells a grid's story like an interval
 * strategy's. A retried step overwrites its own row.
 */
export async function recordGridStep(dataSource: DataSource, userId: string, result: ExecutionResult, orderId?: string): Promise<void> {
  const executions = dataSource.getRepository(StrategyExecution);
  const fields = {
    status: result.action === 'error' ? ('failed' as const) : ('succeeded' as const),
    action: result.action,
    reason: result.reason,
    error: result.error ?? null,
    orderId: orderId ?? null,
    result: result as unknown as Record<string, unknown>,
    finishedAt: new Date(result.executed_at),
  };
  const existing = await executions.findOneBy({ strategyId: result.strategy_id, runNumber: result.run_number });
  if (existing) {
    await executions.update(existing.id, { ...fields, attempts: existing.attempts + 1, result: fields.result as never });
    return;
  }
  await executions.insert({ strategyId: result.strategy_id, userId, runNumber: result.run_number, trigger: result.trigger, ...fields, attempts: 1, result: fields.result as never });
}
