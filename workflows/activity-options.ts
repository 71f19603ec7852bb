import type { ActivityOptions } from '@temporalio/common';
import { NON_RETRYABLE_EXECUTION_ERRORS } from '../libs/contracts/error-types';

/**
 * Timeouts and retries of the strategy workflows' activities. Heartbeats let Temporal notice a
 * dead worker within seconds; retries are bounded so a broker outage costs a few attempts per
 * step, never a retry storm (the next run or reconcile tries again anyway), and domain errors
 * are not retried at all.
 */
export const STRATEGY_ACTIVITY_OPTIONS: ActivityOptions = {
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: '10 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '30 seconds',
    maximumAttempts: 5,
    nonRetryableErrorTypes: [...NON_RETRYABLE_EXECUTION_ERRORS],
  },
};

/**
 * For the clean-up a stop depends on (settling a half-placed unit, cancelling a grid's orders):
 * it must get through a broker hiccup, so it gets more attempts.
 */
export const CLEANUP_ACTIVITY_OPTIONS: ActivityOptions = {
  ...STRATEGY_ACTIVITY_OPTIONS,
  retry: { ...STRATEGY_ACTIVITY_OPTIONS.retry, maximumAttempts: 10 },
};
