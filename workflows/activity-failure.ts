import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';

/** The error type and message behind a failed activity, as the activity threw it. */
export function activityFailureOf(err: unknown): { type?: string; message: string } {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  if (cause instanceof ApplicationFailure) return { type: cause.type ?? undefined, message: cause.message };
  if (cause instanceof Error) return { message: cause.message };
  return { message: String(err) };
}
