import type { ExecutionResult, StrategyType } from '../../libs/contracts';
import type { PositionExitEvent } from '../../libs/contracts/position-exit';

/** Memory of the scheduling loop, carried across continue-as-new. */
export interface StrategyLoopState {
  /** Runs started so far (scheduled and manual): the next run's number is runCount + 1. */
  runCount: number;
  /** Epoch ms of the last run's start; the next scheduled run is one interval after it. */
  lastRunAt?: number;
  lastResult?: ExecutionResult;
  lastExit?: PositionExitEvent;
}

export interface StrategyWorkflowInput {
  strategyId: string;
  userId: string;
  strategyType: StrategyType;
  intervalSeconds: number;
  /** Run before the first sleep (recovery after downtime, or types that set up at once). */
  runImmediately?: boolean;
  state?: StrategyLoopState;
  /**
   * Continue-as-new after this many runs in one execution even if Temporal has not suggested it
   * yet (tests use a small number to exercise the hand-over).
   */
  runsPerExecution?: number;
}

/**
 * Whether this execution should hand over to a fresh one: Temporal suggests it (history size), or
 * the steps done in it (runs, or a grid's fills) reached the input's budget.
 */
export function shouldContinueAsNew(budget: number | undefined, doneInThisExecution: number, suggested: boolean): boolean {
  return suggested || (budget !== undefined && doneInThisExecution >= budget);
}

export function initialLoopState(input: StrategyWorkflowInput): StrategyLoopState {
  return input.state ?? { runCount: 0 };
}

/**
 * When the next scheduled run is due: one interval after the last run, never in the past. A
 * strategy that was paused or whose worker was down runs once, not once per missed interval.
 */
export function nextRunAt(state: StrategyLoopState, intervalSeconds: number, now: number): number {
  if (state.lastRunAt === undefined) return now + intervalSeconds * 1000;
  return Math.max(now, state.lastRunAt + intervalSeconds * 1000);
}

export function failedResult(
  strategyId: string,
  runNumber: number,
  trigger: ExecutionResult['trigger'],
  error: string,
  executedAt: number,
): ExecutionResult {
  return {
    strategy_id: strategyId,
    run_number: runNumber,
    trigger,
    action: 'error',
    reason: error,
    error,
    executed_at: new Date(executedAt).toISOString(),
  };
}
