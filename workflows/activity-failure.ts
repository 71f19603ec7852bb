import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import { STRATEGY_GONE_ERRORS } from '../libs/contracts/error-types';

export interface ActivityFailureInfo {
  type?: string;
  message: string;
}

/** The error type and message behind a failed activity, as the activity threw it. */
export function activityFailureOf(err: unknown): ActivityFailureInfo {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  if (cause instanceof ApplicationFailure) return { type: cause.type ?? undefined, message: cause.message };
  if (cause instanceof Error) return { message: cause.message };
  return { message: String(err) };
}

/** The activity found the strategy deleted or inactive: its workflow must end, not sleep again. */
export function meansStrategyGone(failure: ActivityFailureInfo): boolean {
  return (STRATEGY_GONE_ERRORS as readonly string[]).includes(failure.type ?? '');
}
