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
import { STRATEGY_ACTIVITY_OPTIONS } from '../activity-options';
import type { StrategyActivities } from '../../activities/strategy-execution/strategy.activities';
import { NextRunTimeKey } from '../search-attribute-keys';
import { upsertStrategyIdentity } from '../strategy-identity';
import { executeNowUpdate, intervalChangedSignal, positionExitedSignal, strategyStatusQuery } from './strategy.messages';
import { failedResult, initialLoopState, nextRunAt, shouldContinueAsNew, type StrategyWorkflowInput } from './strategy.state';

// Unpatched histories cancelled executeStrategy without waiting (the SDK's effective default).
const { executeStrategy: executeStrategyUnpatched } = proxyActivities<StrategyActivities>(STRATEGY_ACTIVITY_OPTIONS);
// On a stop the run's cancellation is reported only once no attempt is still sending legs (the
// activity finishes its unit, or its worker is found dead), so settleUnit never races one.
const { executeStrategy } = proxyActivities<StrategyActivities>({
  ...STRATEGY_ACTIVITY_OPTIONS,
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
});
// Settling must get through a broker hiccup, and runs even while the workflow is being cancelled.
const { settleUnit } = proxyActivities<StrategyActivities>({
  ...STRATEGY_ACTIVITY_OPTIONS,
  retry: { ...STRATEGY_ACTIVITY_OPTIONS.retry, maximumAttempts: 10 },
});

// Histories recorded before the settle step replay without it.
const SETTLE_UNIT_PATCH = 'settle-unit';

export async function strategyWorkflow(input: StrategyWorkflowInput): Promise<void> {
  const state = initialLoopState(input);
  const runsBefore = state.runCount;
  let intervalSeconds = input.intervalSeconds;
  let running = false;
  let rescheduled = false;
  let gone = false;
  let nextRunTime: number | undefined;

  setHandler(strategyStatusQuery, () => ({
    strategyId: input.strategyId,
    strategyType: input.strategyType,
    intervalSeconds,
    runCount: state.runCount,
    running,
    nextRunTime: nextRunTime === undefined ? undefined : new Date(nextRunTime).toISOString(),
    lastResult: state.lastResult,
    lastExit: state.lastExit,
  }));
  setHandler(executeNowUpdate, (trigger) => runExclusive(trigger));
  setHandler(intervalChangedSignal, (seconds) => {
    if (seconds >= 1 && seconds !== intervalSeconds) {
      intervalSeconds = seconds;
      rescheduled = true;
    }
  });
  setHandler(positionExitedSignal, (exit) => {
    state.lastExit = exit;
  });

  upsertStrategyIdentity(input);

  async function runExclusive(trigger: ExecutionTrigger): Promise<ExecutionResult> {
    await condition(() => !running);
    running = true;
    try {
      return await runOnce(trigger);
    } finally {
      running = false;
    }
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
      nextRunTime = nextRunAt(state, intervalSeconds, Date.now());
      upsertSearchAttributes([{ key: NextRunTimeKey, value: new Date(nextRunTime) }]);
      const dueAt = nextRunTime;
      rescheduled = false;
      const interrupted = await condition(() => rescheduled || gone, Math.max(dueAt - Date.now(), 1));
      if (interrupted) continue;
      nextRunTime = undefined;
      await runExclusive('scheduled');

      if (shouldContinueAsNew(input, state.runCount - runsBefore, workflowInfo().continueAsNewSuggested)) {
        await condition(allHandlersFinished);
        await continueAsNew<typeof strategyWorkflow>({ ...input, intervalSeconds, runImmediately: false, state });
      }
    }
  } catch (err) {
    // A manual run may still be settling its unit: the workflow must not end under it.
    if (isCancellation(err) && running && patched(SETTLE_UNIT_PATCH)) await CancellationScope.nonCancellable(() => condition(() => !running));
    throw err;
  }
  await condition(allHandlersFinished);
  log.info('Strategy is gone or inactive; workflow ends', { strategyId: input.strategyId });
}
