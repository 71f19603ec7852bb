import type { Client } from '@temporalio/client';

// temporal.api.enums.v1 TaskQueueKind.NORMAL and TaskQueueType.WORKFLOW: fixed by the wire
// protocol (@temporalio/proto, which names them, is not a direct dependency).
const TASK_QUEUE_KIND_NORMAL = 1;
const TASK_QUEUE_TYPE_WORKFLOW = 1;

/** Workers currently polling the task queue for workflow tasks (0 when no worker runs). */
export async function countTaskQueuePollers(client: Pick<Client, 'workflowService'>, namespace: string, taskQueue: string): Promise<number> {
  const response = await client.workflowService.describeTaskQueue({
    namespace,
    taskQueue: { name: taskQueue, kind: TASK_QUEUE_KIND_NORMAL },
    taskQueueType: TASK_QUEUE_TYPE_WORKFLOW,
  });
  return response.pollers?.length ?? 0;
}
