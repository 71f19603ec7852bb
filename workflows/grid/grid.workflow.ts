/**
 * gridStrategyWorkflow: one per active grid strategy (id `strategy-<id>`). It sets the grid up at
 * once, then sleeps until the order-fill monitor signals `orderFilled`; each fill is answered, in
 * arrival order and one at a time, by an activity that places the counter order. Once per
 * interval (24 h) it reconciles the grid with the broker. Cancelling the workflow (deactivate or
 * delete) cancels the grid's open orders at the broker before it ends.
 */
import {
  CancellationScope,
  allHandlersFinished,
  condition,
  continueAsNew,
  isCancellation,
  log,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { ExecutionResult, ExecutionTrigger, OrderFillEvent } from '../../libs/contracts';
import { activityFailureOf, meansStrategyGone } from '../activity-failure';
import { CLEANUP_ACTIVITY_OPTIONS, STRATEGY_ACTIVITY_OPTIONS } from '../activity-options';
import type { GridActivities } from '../../activities/grid/grid.activities';
import { NextRunTimeKey } from '../search-attribute-keys';
import { StepLock } from '../step-lock';
import { upsertStrategyIdentity } from '../strategy-identity';
import { handleStrategySignals } from '../strategy-signals';
import { executeNowUpdate, strategyStatusQuery } from '../strategy/strategy.messages';
import { failedResult, shouldContinueAsNew } from '../strategy/strategy.state';
import { orderFilledSignal } from './grid.messages';
import { SETUP_RETRY_MS, acceptFill, forgetFill, initialGridState, nextEventSeq, type GridWorkflowInput } from './grid.state';

const { setupGrid, handleGridFill, reconcileGrid } = proxyActivities<GridActivities>(STRATEGY_ACTIVITY_OPTIONS);
// Runs even though the workflow is being cancelled (see the end of the workflow).
const { cancelGridOrders } = proxyActivities<GridActivities>(CLEANUP_ACTIVITY_OPTIONS);

export async function gridStrategyWorkflow(input: GridWorkflowInput): Promise<void> {
  const state = initialGridState(input);
  const fillsBefore = state.fillsHandled;
  const lock = new StepLock();
  let gone = false;
  let setupFailedAt: number | undefined;
  let nextReconcileAt: number | undefined;

  setHandler(orderFilledSignal, (fill) => {
    if (!acceptFill(state, fill)) log.info('Duplicate or older fill ignored', { brokerOrderId: fill.brokerOrderId, filledQty: fill.filledQty });
  });
  // The exit monitor stops the grid itself (deactivates it, cancels its orders); the grid only remembers the exit.
  const interval = handleStrategySignals(input.intervalSeconds, state);
  setHandler(strategyStatusQuery, () => ({
    strategyId: input.strategyId,
    strategyType: input.strategyType,
    intervalSeconds: interval.seconds,
    runCount: state.fillsHandled,
    running: lock.busy,
    nextRunTime: nextReconcileAt === undefined ? undefined : new Date(nextReconcileAt).toISOString(),
    lastResult: state.lastResult,
    lastExit: state.lastExit,
  }));
  setHandler(executeNowUpdate, async (trigger) => {
    if (trigger === 'initial') {
      // The set-up starts by itself; the creator waits for its outcome.
      await condition(() => state.setUp || setupFailedAt !== undefined || gone);
      return state.lastResult ?? failedResult(input.strategyId, state.eventSeq, 'initial', 'the grid stopped before its set-up finished', Date.now());
    }
    return exclusive(() => (state.setUp ? reconcile('manual') : setup()));
  });
  upsertStrategyIdentity(input);

  function exclusive(step: () => Promise<ExecutionResult>): Promise<ExecutionResult> {
    return lock.run(async () => {
      state.lastResult = await step();
      return state.lastResult;
    });
  }

  async function guarded(seq: number, trigger: ExecutionTrigger, run: () => Promise<ExecutionResult>): Promise<ExecutionResult> {
    try {
      return await run();
    } catch (err) {
      if (isCancellation(err)) throw err;
      const failure = activityFailureOf(err);
      if (meansStrategyGone(failure)) gone = true;
      log.warn('Grid step failed', { seq, error: failure.message });
      return failedResult(input.strategyId, seq, trigger, failure.message, Date.now());
    }
  }

  async function setup(): Promise<ExecutionResult> {
    const seq = nextEventSeq(state);
    let resumed = false;
    const result = await guarded(seq, 'initial', async () => {
      const outcome = await setupGrid({ strategyId: input.strategyId, seq });
      resumed = outcome.resumed;
      return outcome.result;
    });
    if (result.action === 'error') {
      setupFailedAt = Date.now();
      return result;
    }
    state.setUp = true;
    setupFailedAt = undefined;
    state.lastReconcileAt = Date.now();
    // A restarted grid may have missed fills while nobody was listening.
    if (resumed) {
      state.lastResult = result;
      return reconcile('scheduled');
    }
    return result;
  }

  async function reconcile(trigger: 'scheduled' | 'manual'): Promise<ExecutionResult> {
    const seq = nextEventSeq(state);
    state.lastReconcileAt = Date.now();
    return guarded(seq, trigger, async () => {
      const outcome = await reconcileGrid({ strategyId: input.strategyId, seq, trigger });
      for (const fill of outcome.fills) acceptFill(state, fill);
      return outcome.result;
    });
  }

  async function answer(fill: OrderFillEvent): Promise<ExecutionResult> {
    const seq = nextEventSeq(state);
    const result = await guarded(seq, 'scheduled', () => handleGridFill({ strategyId: input.strategyId, seq, fill }));
    // The monitor signals an unanswered fill again; let that signal through to retry it.
    if (result.action === 'error') forgetFill(state, fill);
    else state.fillsHandled += 1;
    return result;
  }

  try {
    if (!state.setUp) await exclusive(setup);
    while (!gone) {
      nextReconcileAt = state.setUp ? (state.lastReconcileAt ?? Date.now()) + interval.seconds * 1000 : (setupFailedAt ?? Date.now()) + SETUP_RETRY_MS;
      upsertSearchAttributes([{ key: NextRunTimeKey, value: new Date(nextReconcileAt) }]);
      interval.rescheduled = false;
      const woken = await condition(
        () => gone || interval.rescheduled || (state.setUp && !lock.busy && state.pendingFills.length > 0),
        Math.max(nextReconcileAt - Date.now(), 1),
      );
      if (gone) break;
      if (woken) {
        const fill = state.pendingFills[0];
        if (!fill) continue; // woken by an interval change only
        await exclusive(() => answer(fill));
        state.pendingFills.shift();
      } else {
        await exclusive(() => (state.setUp ? reconcile('scheduled') : setup()));
      }
      if (shouldContinueAsNew(input.fillsPerExecution, state.fillsHandled - fillsBefore, workflowInfo().continueAsNewSuggested)) {
        await condition(() => allHandlersFinished() && !lock.busy);
        // Fills queued but not answered yet travel in `state`.
        await continueAsNew<typeof gridStrategyWorkflow>({ ...input, intervalSeconds: interval.seconds, state });
      }
    }
    await condition(allHandlersFinished);
    // Deactivated or deleted while a step ran: the grid's orders must not outlive it.
    await cancelGridOrders({ strategyId: input.strategyId, userId: input.userId });
    log.info('Grid strategy is gone or inactive; workflow ends', { strategyId: input.strategyId });
  } catch (err) {
    if (isCancellation(err)) {
      await CancellationScope.nonCancellable(() => cancelGridOrders({ strategyId: input.strategyId, userId: input.userId }));
    }
    throw err;
  }
}
