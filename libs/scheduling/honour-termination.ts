import { strategyWorkflowId } from '../contracts';
import type { TerminatedRun } from './termination-records';
import type { StrategyWorkflowClient } from './strategy-workflow-client';

export interface TerminationRecords {
  /** Whether this terminated run was honoured before (a strategy active again since was reactivated on purpose). */
  isTerminationRecorded(strategyId: string, runId: string): Promise<boolean>;
  /** Marks the strategy inactive and records the termination; false when it was no longer active. */
  deactivateAfterTermination(run: TerminatedRun): Promise<boolean>;
}

export type HonouredTermination =
  | { outcome: 'none' }
  | { outcome: 'deactivated' | 'inactive'; run: TerminatedRun };

/**
 * A workflow terminated from outside (`temporal workflow terminate`, the operators' last resort)
 * is an order to stop, not a loss: when the strategy's latest run was terminated and that was
 * not honoured before, the strategy is deactivated and the termination recorded ('deactivated',
 * or 'inactive' when something else deactivated it first). Any other ending, and a termination
 * honoured before, is 'none': the strategy may be started. The reconciler and a manual execute
 * both ask this before they start a workflow.
 */
export async function honourTermination(
  workflows: Pick<StrategyWorkflowClient, 'latestRun' | 'terminationOf'>,
  records: TerminationRecords,
  strategy: { id: string; userId: string },
): Promise<HonouredTermination> {
  const latest = await workflows.latestRun(strategy.id);
  if (latest?.status !== 'TERMINATED' || (await records.isTerminationRecorded(strategy.id, latest.runId))) return { outcome: 'none' };
  const { reason, identity } = await workflows.terminationOf(strategy.id, latest.runId);
  const run: TerminatedRun = {
    strategyId: strategy.id,
    userId: strategy.userId,
    workflowId: strategyWorkflowId(strategy.id),
    runId: latest.runId,
    reason,
    identity,
    terminatedAt: latest.closeTime,
  };
  return { outcome: (await records.deactivateAfterTermination(run)) ? 'deactivated' : 'inactive', run };
}
