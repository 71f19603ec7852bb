/**
 * strategyWorkflow: one per active interval strategy (id `strategy-<id>`). It sleeps for the
 * strategy's interval, runs the executeStrategy activity, records the result and sleeps again,
 * for as long as the strategy is active. Manual runs arrive as the executeNow update and share
 * the same run counter and lock, so they never overlap a scheduled run. Cancelling the workflow
 * (deactivate/delete) ends it; an activity reporting the strategy gone or inactive ends it too.
 * A run that fails for good, or is cancelled in flight, is followed by settleUnit, so a pairs or
 * arbitrage unit it left with one leg filled is unwound rather than left naked.
 * It continues-as-new when Temporal suggests it (history size), carrying the loop state.
 */
import {
  ActivityCancellationType,
  CancellationScope,
  condition,
  continueAsNew,
  allHandlersFinished,
  isCancellation,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
  log,
} from '@temporalio/workflow';
import type { ExecutionResult, ExecutionTrigger } from '../../libs/contracts';
import { activityFailureOf, meansStrategyGone } from '../activity-failure';
import { CLEANUP_ACTIVITY_OPTIONS, STRATEGY_ACTIVITY_OPTIONS } from '../activity-options';
import type { StrategyActivities } from '../../activities/strategy-execution/strategy.activities';
import { NextRunTimeKey } from '../search-attribute-keys';
import { upsertStrategyIdentity } from '../strategy-identity';
import { StepLock } from '../step-lock';
import { handleStrategySignals } from '../strategy-signals';
import { executeNowUpdate, strategyStatusQuery } from './strategy.messages';
import { failedResult, initialLoopState, nextRunAt, shouldContinueAsNew, type StrategyWorkflowInput } from './strategy.state';

// Unpatched histories cancelled executeStrategy without waiting (the SDK's effective default).
const { executeStrategy: executeStrategyUnpatched } = proxyActivities<StrategyActivities>(STRATEGY_ACTIVITY_OPTIONS);
// On a stop the run's cancellation is reported only once no attempt is still sending legs (the
// activity finishes its unit, or its worker is found dead), so settleUnit never races one.
const { executeStrategy } = proxyActivities<StrategyActivities>({
  ...STRATEGY_ACTIVITY_OPTIONS,
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
});
// Settling runs even while the workflow is being cancelled (see settle below).
const { settleUnit } = proxyActivities<StrategyActivities>(CLEANUP_ACTIVITY_OPTIONS);

// Histories recorded before the settle step replay without it.
const SETTLE_UNIT_PATCH = 'settle-unit';

export async function strategyWorkflow(input: StrategyWorkflowInput): Promise<void> {
  const state = initialLoopState(input);
  const runsBefore = state.runCount;
  const lock = new StepLock();
  let gone = false;
  let nextRunTime: number | undefined;

  const interval = handleStrategySignals(input.intervalSeconds, state);
  setHandler(strategyStatusQuery, () => ({
    strategyId: input.strategyId,
    strategyType: input.strategyType,
    intervalSeconds: interval.seconds,
    runCount: state.runCount,
    running: lock.busy,
    nextRunTime: nextRunTime === undefined ? undefined : new Date(nextRunTime).toISOString(),
    lastResult: state.lastResult,
    lastExit: state.lastExit,
  }));
  setHandler(executeNowUpdate, (trigger) => runExclusive(trigger));

  upsertStrategyIdentity(input);

  function runExclusive(trigger: ExecutionTrigger): Promise<ExecutionResult> {
    return lock.run(() => runOnce(trigger));
  }

  async function runOnce(trigger: ExecutionTrigger): Promise<ExecutionResult> {
    state.runCount += 1;
    const runNumber = state.runCount;
    state.lastRunAt = Date.now();
    const settles = patched(SETTLE_UNIT_PATCH);
    let result: ExecutionResult;
    try {
      result = await (settles ? executeStrategy : executeStrategyUnpatched)({ strategyId: input.strategyId, runNumber, trigger });
    } catch (err) {
      // Cancellation (deactivate/delete) ends the workflow; it is not a failed run.
      if (isCancellation(err)) {
        if (settles) await settle(runNumber, trigger);
        throw err;
      }
      const failure = activityFailureOf(err);
      if (meansStrategyGone(failure)) gone = true;
      log.warn('Strategy run failed; keeping the schedule', { runNumber, error: failure.message });
      const settled = settles ? await settle(runNumber, trigger) : undefined;
      result = settled ?? failedResult(input.strategyId, runNumber, trigger, failure.message, Date.now());
    }
    state.lastResult = result;
    return result;
  }

  // Returns the run's result when it had a unit to settle. Non-cancellable: a stop is exactly
  // when a naked leg must be unwound. A settle that fails for good is logged; the run stays failed.
  async function settle(runNumber: number, trigger: ExecutionTrigger): Promise<ExecutionResult | undefined> {
    try {
      return await CancellationScope.nonCancellable(() => settleUnit({ strategyId: input.strategyId, runNumber, trigger }));
    } catch (err) {
      log.error('Could not settle the unit of a run that ended unfinished', { runNumber, error: activityFailureOf(err).message });
      return undefined;
    }
  }

  try {
    if (input.runImmediately) await runExclusive('scheduled');
    while (!gone) {
      nextRunTime = nextRunAt(state, interval.seconds, Date.now());
      upsertSearchAttributes([{ key: NextRunTimeKey, value: new Date(nextRunTime) }]);
      const dueAt = nextRunTime;
      interval.rescheduled = false;
      const interrupted = await condition(() => interval.rescheduled || gone, Math.max(dueAt - Date.now(), 1));
      if (interrupted) continue;
      nextRunTime = undefined;
      await runExclusive('scheduled');

      if (shouldContinueAsNew(input.runsPerExecution, state.runCount - runsBefore, workflowInfo().continueAsNewSuggested)) {
        await condition(allHandlersFinished);
        await continueAsNew<typeof strategyWorkflow>({ ...input, intervalSeconds: interval.seconds, runImmediately: false, state });
      }
    }
  } catch (err) {
    // A manual run may still be settling its unit: the workflow must not end under it.
    if (isCancellation(err) && lock.busy && patched(SETTLE_UNIT_PATCH)) await CancellationScope.nonCancellable(() => condition(() => !lock.busy));
    throw err;
  }
  await condition(allHandlersFinished);
  log.info('Strategy is gone or inactive; workflow ends', { strategyId: input.strategyId });
}
