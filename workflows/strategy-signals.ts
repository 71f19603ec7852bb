import { setHandler } from '@temporalio/workflow';
import type { PositionExitEvent } from '../libs/contracts/position-exit';
import { intervalChangedSignal, positionExitedSignal } from './strategy/strategy.messages';

/** The interval a strategy workflow schedules by, as the intervalChanged signal last set it. */
export interface ScheduleInterval {
  seconds: number;
  /** Set by a change: the sleeping loop wakes and recomputes its next step. The loop clears it. */
  rescheduled: boolean;
}

/**
 * Handles the signals every strategy workflow type gets: intervalChanged (a new interval of at
 * least one second reschedules the sleep) and positionExited (kept as `lastExit` for the status
 * query). Returns the interval, kept current.
 */
export function handleStrategySignals(intervalSeconds: number, state: { lastExit?: PositionExitEvent }): ScheduleInterval {
  const interval: ScheduleInterval = { seconds: intervalSeconds, rescheduled: false };
  setHandler(intervalChangedSignal, (seconds) => {
    if (seconds >= 1 && seconds !== interval.seconds) {
      interval.seconds = seconds;
      interval.rescheduled = true;
    }
  });
  setHandler(positionExitedSignal, (exit) => {
    state.lastExit = exit;
  });
  return interval;
}
