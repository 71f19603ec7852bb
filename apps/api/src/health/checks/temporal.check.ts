import type { Connection } from '@temporalio/client';
import { countTaskQueuePollers } from '../../../../../libs/scheduling/task-queue-pollers';
import { describeProbeError } from './with-timeout';

export interface TemporalTarget {
  address: string;
  namespace: string;
}

export interface TemporalHealth extends TemporalTarget {
  status: 'connected' | 'unreachable';
  server_version?: string;
  error?: string;
}

export interface WorkerHealth {
  /** `unknown` when Temporal itself cannot be asked. */
  status: 'running' | 'no_pollers' | 'unknown';
  pollers: number;
  task_queue: string;
  error?: string;
}

/** GetSystemInfo is the cheapest authenticated round trip to the frontend service. */
export async function checkTemporal(connection: Connection, target: TemporalTarget, timeoutMs: number): Promise<TemporalHealth> {
  try {
    const info = await connection.withDeadline(Date.now() + timeoutMs, () => connection.workflowService.getSystemInfo({}));
    return { status: 'connected', ...target, server_version: info.serverVersion ?? undefined };
  } catch (error) {
    return { status: 'unreachable', ...target, error: describeProbeError(error) };
  }
}

/**
 * Whether any worker polls the strategies' workflow task queue: with none, workflows are started
 * but nothing runs them, the silent failure the old scheduler's operators feared most.
 */
export async function checkWorkerPollers(connection: Connection, namespace: string, taskQueue: string, timeoutMs: number): Promise<WorkerHealth> {
  try {
    const pollers = await connection.withDeadline(Date.now() + timeoutMs, () => countTaskQueuePollers(connection, namespace, taskQueue));
    return { status: pollers > 0 ? 'running' : 'no_pollers', pollers, task_queue: taskQueue };
  } catch (error) {
    return { status: 'unknown', pollers: 0, task_queue: taskQueue, error: describeProbeError(error) };
  }
}
