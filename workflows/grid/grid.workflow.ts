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
import { STRATEGY_ACTIVITY_OPTIONS } from '../activity-options';
import type { GridActivities } from '../../activities/grid/grid.activities';
import { NextRunTimeKey } from '../search-attribute-keys';
import { upsertStrategyIdentity } from '../strategy-identity';
import { executeNowUpdate, intervalChangedSignal, positionExitedSignal, strategyStatusQuery } from '../strategy/strategy.messages';
import { failedResult } from '../strategy/strategy.state';
import { orderFilledSignal } from './grid.messages';
import { SETUP_RETRY_MS, acceptFill, forgetFill, initialGridState, nextEventSeq, type GridWorkflowInput } from './grid.state';

const { setupGrid, handleGridFill, reconcileGrid } = proxyActivities<GridActivities>(STRATEGY_ACTIVITY_OPTIONS);
// Stopping must get through a broker hiccup: more attempts, and it runs even though the workflow is being cancelled.
const { cancelGridOrders } = proxyActivities<GridActivities>({
  ...STRATEGY_ACTIVITY_OPTIONS,
  retry: { ...STRATEGY_ACTIVITY_OPTIONS.retry, maximumAttempts: 10 },
});

export async function gridStrategyWorkflow(input: GridWorkflowInput): Promise<void> {
  const state = initialGridState(input);
  const fillsBefore = state.fillsHandled;
  let intervalSeconds = input.intervalSeconds;
  let busy = false;
  let gone = false;
  let setupFailedAt: number | undefined;
  let rescheduled = false;
  let nextReconcileAt: number | undefined;

  setHandler(orderFilledSignal, (fill) => {
    if (!acceptFill(state, fill)) log.info('Duplicate or older fill ignored', { brokerOrderId: fill.brokerOrderId, filledQty: fill.filledQty });
  });
  setHandler(strategyStatusQuery, () => ({
    strategyId: input.strategyId,
    strategyType: input.strategyType,
    intervalSeconds,
    runCount: state.fillsHandled,
    running: busy,
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
  setHandler(intervalChangedSignal, (seconds) => {
    if (seconds >= 1 && seconds !== intervalSeconds) {
      intervalSeconds = seconds;
      rescheduled = true;
    }
  });
  // The exit monitor stops the grid itself (deactivates it, cancels its orders); this only remembers the exit.
  setHandler(positionExitedSignal, (exit) => {
    state.lastExit = exit;
  });
  upsertStrategyIdentity(input);

  async function exclusive(step: () => Promise<ExecutionResult>): Promise<ExecutionResult> {
    await condition(() => !busy);
    busy = true;
    try {
      const result = await step();
      state.lastResult = result;
      return result;
    } finally {
      busy = false;
    }
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
      nextReconcileAt = state.setUp ? (state.lastReconcileAt ?? Date.now()) + intervalSeconds * 1000 : (setupFailedAt ?? Date.now()) + SETUP_RETRY_MS;
      upsertSearchAttributes([{ key: NextRunTimeKey, value: new Date(nextReconcileAt) }]);
      rescheduled = false;
      const woken = await condition(
        () => gone || rescheduled || (state.setUp && !busy && state.pendingFills.length > 0),
        Math.max(nextReconcileAt - Date.now(), 1),
      );
      if (gone) break;
      if (woken) {
        if (rescheduled && state.pendingFills.length === 0) continue;
        const fill = state.pendingFills[0];
        if (fill) {
          await exclusive(() => answer(fill));
          state.pendingFills.shift();
        }
      } else {
        await exclusive(() => (state.setUp ? reconcile('scheduled') : setup()));
      }
      const fillsThisRun = state.fillsHandled - fillsBefore;
      if (workflowInfo().continueAsNewSuggested || (input.fillsPerExecution !== undefined && fillsThisRun >= input.fillsPerExecution)) {
        await condition(() => allHandlersFinished() && !busy);
        // Fills queued but not answered yet travel in `state`.
        await continueAsNew<typeof gridStrategyWorkflow>({ ...input, intervalSeconds, state });
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
