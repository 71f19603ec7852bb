/**
 * strategyWorkflow: one per active interval strategy (id `strategy-<id>`). It sleeps for the
 * strategy's interval, runs the executeStrategy activity, records the result and sleeps again,
 * for as long as the strategy is active. Manual runs arrive as the executeNow update and share
 * the same run counter and lock, so they never overlap a scheduled run. Cancelling the workflow
 * (deactivate/delete) ends it; an activity reporting the strategy gone or inactive ends it too.
 * It continues-as-new when Temporal suggests it (history size), carrying the loop state.
 */
import {
  condition,
  continueAsNew,
  allHandlersFinished,
  isCancellation,
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

const { executeStrategy } = proxyActivities<StrategyActivities>(STRATEGY_ACTIVITY_OPTIONS);

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
    let result: ExecutionResult;
    try {
      result = await executeStrategy({ strategyId: input.strategyId, runNumber, trigger });
    } catch (err) {
      // Cancellation (deactivate/delete) ends the workflow; it is not a failed run.
      if (isCancellation(err)) throw err;
      const failure = activityFailureOf(err);
      if (meansStrategyGone(failure)) gone = true;
      log.warn('Strategy run failed; keeping the schedule', { runNumber, error: failure.message });
      result = failedResult(input.strategyId, runNumber, trigger, failure.message, Date.now());
    }
    state.lastResult = result;
    return result;
  }

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
  await condition(allHandlersFinished);
  log.info('Strategy is gone or inactive; workflow ends', { strategyId: input.strategyId });
}
