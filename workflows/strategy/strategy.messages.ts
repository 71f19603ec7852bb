import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ExecutionResult } from '../../libs/contracts';
import type { PositionExitEvent } from '../../libs/contracts/position-exit';

/** What the status query answers: enough for the scheduler status endpoint and the Web UI. */
export interface StrategyStatus {
  strategyId: string;
  strategyType: string;
  intervalSeconds: number;
  runCount: number;
  running: boolean;
  /** ISO-8601; undefined while a run is in progress. */
  nextRunTime?: string;
  lastResult?: ExecutionResult;
  /** The last exit the position-exit monitor made for the strategy. */
  lastExit?: PositionExitEvent;
}

/** Returns the workflow's current schedule and last result. */
export const strategyStatusQuery = defineQuery<StrategyStatus>('strategyStatus');

/**
 * Runs the strategy now and returns the result. Goes through the workflow so a manual run can
 * never overlap a scheduled one; it does not move the next scheduled run.
 */
export const executeNowUpdate = defineUpdate<ExecutionResult, [trigger: 'manual' | 'initial']>('executeNow');

/** The strategy's interval changed (configuration edited); the next run is rescheduled from the last one. */
export const intervalChangedSignal = defineSignal<[intervalSeconds: number]>('intervalChanged');

/**
 * The position-exit monitor closed the strategy's position (take profit, stop loss or trailing
 * stop); both workflow types record it as `lastExit` in their status.
 */
export const positionExitedSignal = defineSignal<[PositionExitEvent]>('positionExited');
