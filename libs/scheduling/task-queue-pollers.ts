import type { Client } from '@temporalio/client';

// temporal.api.enums.v1 TaskQueueKind.NORMAL and TaskQueueType.WORKFLOW: fixed by the wire
// protocol (@temporalio/proto, which names them, is not a direct dependency).
const TASK_QUEUE_KIND_NORMAL = 1;
const TASK_QUEUE_TYPE_WORKFLOW = 1;

type WorkflowServiceHolder = Pick<Client, 'workflowService'>;

/** Workers that recently polled the task queue for workflow tasks, as Temporal lists them. */
export async function taskQueuePollers(holder: WorkflowServiceHolder, namespace: string, taskQueue: string) {
  const response = await holder.workflowService.describeTaskQueue({
    namespace,
    taskQueue: { name: taskQueue, kind: TASK_QUEUE_KIND_NORMAL },
    taskQueueType: TASK_QUEUE_TYPE_WORKFLOW,
  });
  return response.pollers ?? [];
}

/** Workers currently polling the task queue for workflow tasks (0 when no worker runs). */
export async function countTaskQueuePollers(holder: WorkflowServiceHolder, namespace: string, taskQueue: string): Promise<number> {
  return (await taskQueuePollers(holder, namespace, taskQueue)).length;
}
