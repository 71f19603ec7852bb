import type { DataSource, EntityManager } from 'typeorm';
import { BotRiskEvent, TradingStrategy } from '../database/entities';
import { queueSqliteWrite } from '../database/sqlite-write-queue';

/**
 * bot_risk_events rules of the emergency controls. `emergency_stop`: the emergency stop API
 * deactivated the strategy. `emergency_terminate`: its workflow run was terminated (from the
 * Temporal CLI, or by the emergency stop when it did not close after its cancel); details carry
 * the run id, so each terminated run is honoured once and a strategy reactivated afterwards runs.
 */
export const EMERGENCY_STOP_RULE = 'emergency_stop';
export const EMERGENCY_TERMINATE_RULE = 'emergency_terminate';

export interface TerminatedRun {
  strategyId: string;
  userId: string;
  workflowId: string;
  runId: string;
  /** What the terminating client recorded (`--reason`); empty when it gave none. */
  reason: string;
  identity: string;
  terminatedAt?: Date;
}

/** Records a terminated run (one bot_risk_events row, rule emergency_terminate). */
export async function recordTerminatedRun(manager: EntityManager, run: TerminatedRun, reasonText: string): Promise<void> {
  const events = manager.getRepository(BotRiskEvent);
  await events.save(
    events.create({
      userId: run.userId,
      strategyId: run.strategyId,
      rule: EMERGENCY_TERMINATE_RULE,
      reason: reasonText,
      details: {
        workflow_id: run.workflowId,
        run_id: run.runId,
        termination_reason: run.reason,
        terminated_by: run.identity,
        ...(run.terminatedAt ? { terminated_at: run.terminatedAt.toISOString() } : {}),
      },
    }),
  );
}

/** Whether this terminated run has been recorded already (then it was honoured before). */
export async function isTerminatedRunRecorded(dataSource: DataSource, strategyId: string, runId: string): Promise<boolean> {
  const rows = await dataSource.getRepository(BotRiskEvent).findBy({ strategyId, rule: EMERGENCY_TERMINATE_RULE });
  return rows.some((row) => row.details?.run_id === runId);
}

/**
 * Honours a termination from outside: the strategy becomes inactive and the row says why, in one
 * transaction. False (nothing written) when the strategy is no longer active.
 */
export function deactivateForTerminatedRun(dataSource: DataSource, run: TerminatedRun): Promise<boolean> {
  const why = `workflow ${run.workflowId} was terminated from outside${run.reason ? ` (reason: ${run.reason})` : ''}; strategy deactivated instead of restarted`;
  return queueSqliteWrite(dataSource, () =>
    dataSource.transaction(async (manager) => {
      const updated = await manager.getRepository(TradingStrategy).update({ id: run.strategyId, isActive: true }, { isActive: false });
      if (!updated.affected) return false;
      await recordTerminatedRun(manager, run, why);
      return true;
    }),
  );
}
