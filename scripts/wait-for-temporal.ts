import { Connection } from '@temporalio/client';

export interface WaitForTemporalOptions {
  namespace?: string;
  /** Stops waiting early (the caller learned the server died); the promise then rejects. */
  signal?: AbortSignal;
}

// Each attempt is bounded: a port that accepts TCP but never speaks gRPC must not hang us.
const ATTEMPT_TIMEOUT_MS = 2_000;
const RETRY_DELAY_MS = 250;

/**
 * Waits until the Temporal frontend at address answers and knows the namespace (default
 * "default"). A dev server on a busy 2-core box can take many seconds to open its port.
 */
export async function waitForTemporal(
  address: string,
  timeoutMs = 60_000,
  options: WaitForTemporalOptions = {},
): Promise<void> {
  const namespace = options.namespace ?? 'default';
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline && options.signal?.aborted !== true) {
    const attemptMs = Math.max(200, Math.min(ATTEMPT_TIMEOUT_MS, deadline - Date.now()));
    let connection: Connection | undefined;
    try {
      connection = await Connection.connect({ address, connectTimeout: attemptMs });
      const ready = connection;
      await ready.withDeadline(Date.now() + attemptMs, () => ready.workflowService.describeNamespace({ namespace }));
      return;
    } catch (error) {
      lastError = error;
    } finally {
      await connection?.close().catch(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(RETRY_DELAY_MS, Math.max(0, deadline - Date.now()))));
  }
  if (options.signal?.aborted === true) throw new Error(`Stopped waiting for Temporal at ${address}`);
  const reason = lastError instanceof Error ? lastError.message : String(lastError);
  throw new Error(`Temporal at ${address} (namespace ${namespace}) not ready after ${timeoutMs} ms: ${reason}`);
}
