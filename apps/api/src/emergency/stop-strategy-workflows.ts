import { strategyWorkflowId } from '../../../../libs/contracts';
import type { EmergencyWorkflows } from './emergency-stop.ports';
import { reportFailure, type UserStopContext } from './user-stop-context';

export const TERMINATE_REASON = 'emergency stop: the workflow did not close after its cancellation';

export interface WorkflowTiming {
  sleep(ms: number): Promise<void>;
  now(): number;
  /** How long cancelled workflows get to close (a grid cancels its orders first) before they are terminated. */
  closeGraceMs: number;
  pollMs: number;
}

// Temporal's clock and ours may differ a little; a workflow that closed this long before the
// stop began did not close because of it.
const CLOCK_SKEW_MS = 1_000;

/**
 * Asks every running workflow of the user's strategies to cancel: interval workflows end, grid
 * workflows cancel their orders and end. Includes workflows Temporal lists for the user whose
 * strategy is gone from the database. Returns the strategy ids whose workflow the stop ended:
 * those it cancelled, and those of strategies it deactivated that closed by themselves since it
 * began (a run that found its strategy inactive ends the workflow).
 */
export async function cancelStrategyWorkflows(
  ctx: UserStopContext,
  workflows: EmergencyWorkflows,
  strategyIds: string[],
  stop: { deactivated: ReadonlySet<string>; startedAt: number },
): Promise<string[]> {
  const candidates = new Set(strategyIds);
  try {
    for (const workflow of await workflows.listRunning(ctx.userId)) candidates.add(workflow.strategyId);
  } catch (err) {
    reportFailure(ctx, 'workflow', ctx.userId, err);
  }
  const ended: string[] = [];
  await Promise.all(
    [...candidates].map(async (strategyId) => {
      try {
        if (await workflows.stop(strategyId)) return void ended.push(strategyId);
        if (!stop.deactivated.has(strategyId)) return;
        const closedAt = (await workflows.latestRun(strategyId))?.closeTime?.getTime();
        if (closedAt !== undefined && closedAt >= stop.startedAt - CLOCK_SKEW_MS) ended.push(strategyId);
      } catch (err) {
        reportFailure(ctx, 'workflow', strategyId, err);
      }
    }),
  );
  return ended;
}

/**
 * Waits for the cancelled workflows to close, then terminates those still running (no worker
 * polling, a clean-up stuck on the broker): after an emergency stop no workflow of the user runs.
 * Each termination is recorded, so the reconciler knows it was ours. Returns how many it terminated.
 */
export async function closeOrTerminate(
  ctx: UserStopContext,
  workflows: EmergencyWorkflows,
  timing: WorkflowTiming,
  cancelled: string[],
  knownStrategyIds: ReadonlySet<string>,
): Promise<number> {
  const deadline = timing.now() + timing.closeGraceMs;
  let open = cancelled;
  while (open.length > 0 && timing.now() < deadline) {
    await timing.sleep(timing.pollMs);
    const stillRunning = await Promise.all(open.map((id) => workflows.isRunning(id).catch(() => true)));
    open = open.filter((_, i) => stillRunning[i]);
  }
  let terminated = 0;
  for (const strategyId of open) {
    try {
      const runId = await workflows.terminate(strategyId, TERMINATE_REASON);
      if (!runId) continue;
      terminated += 1;
      ctx.logger.warn({ user_id: ctx.userId, strategy_id: strategyId }, `🛑 Emergency stop: terminated workflow ${strategyWorkflowId(strategyId)} (${TERMINATE_REASON})`);
      if (!knownStrategyIds.has(strategyId)) continue;
      await ctx.store.recordTerminatedRun({
        strategyId,
        userId: ctx.userId,
        workflowId: strategyWorkflowId(strategyId),
        runId,
        reason: TERMINATE_REASON,
        identity: 'autopilot emergency stop',
        terminatedAt: new Date(timing.now()),
      });
    } catch (err) {
      reportFailure(ctx, 'workflow', strategyId, err);
    }
  }
  return terminated;
}
