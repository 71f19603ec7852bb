import { Connection } from '@temporalio/client';
import { optionalTsToMs } from '@temporalio/common/lib/time';
import { taskQueuePollers } from '../../libs/scheduling/task-queue-pollers';

export interface WaitOptions {
  timeoutMs: number;
  /** Aborted when the process being waited for died: stop polling at once. */
  signal: AbortSignal;
}

const POLL_INTERVAL_MS = 250;

/** Polls until check() is true; rejects with what when the timeout passes. */
export async function pollUntil(what: string, check: () => Promise<boolean>, options: WaitOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  while (!options.signal.aborted) {
    if (await check().catch(() => false)) return;
    if (Date.now() >= deadline) throw new Error(`${what} not ready after ${Math.round(options.timeoutMs / 1000)} s`);
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
  throw new Error(`stopped waiting for ${what}`);
}

/** True when url answers HTTP at all and accept(status) agrees. */
export async function httpAnswers(url: string, accept: (status: number) => boolean): Promise<boolean> {
  const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
  await response.arrayBuffer();
  return accept(response.status);
}

/**
 * True when some worker polled the task queue after `since` (ms epoch). Pollers stay listed for a
 * while after a worker dies, so a poller from before this start does not count.
 */
export async function hasFreshPoller(
  connection: Connection,
  namespace: string,
  taskQueue: string,
  since: number,
): Promise<boolean> {
  const pollers = await connection.withDeadline(Date.now() + 2_000, () => taskQueuePollers(connection, namespace, taskQueue));
  return pollers.some((poller) => (optionalTsToMs(poller.lastAccessTime) ?? 0) >= since);
}
