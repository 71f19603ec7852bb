import { Context } from '@temporalio/activity';

// Heartbeats let Temporal notice a dead worker within the heartbeat timeout instead of waiting
// for the whole start-to-close timeout before retrying the run elsewhere.
const HEARTBEAT_EVERY_MS = 2_000;

/** Runs `work` while heartbeating; outside an activity (unit tests) it just runs it. */
export async function withHeartbeat<T>(work: () => Promise<T>): Promise<T> {
  let context: Context;
  try {
    context = Context.current();
  } catch {
    return work();
  }
  const timer = setInterval(() => context.heartbeat(), HEARTBEAT_EVERY_MS);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
