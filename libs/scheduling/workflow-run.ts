import { WorkflowNotFoundError, type Client, type WorkflowExecutionStatusName } from '@temporalio/client';

// temporal.api.enums.v1.HistoryEventFilterType.CLOSE_EVENT: fixed by the wire protocol
// (@temporalio/proto, which names it, is not a direct dependency).
const HISTORY_EVENT_FILTER_CLOSE_EVENT = 2;

/** The latest run of a workflow id, as Temporal describes it. */
export interface WorkflowRun {
  runId: string;
  status: WorkflowExecutionStatusName;
  closeTime?: Date;
}

/** Who terminated a run and why, from its closing history event. */
export interface Termination {
  reason: string;
  identity: string;
}

/** The latest run of the workflow id; undefined when Temporal never saw one (or forgot it: retention). */
export async function latestRunOf(client: Client, workflowId: string): Promise<WorkflowRun | undefined> {
  try {
    const description = await client.workflow.getHandle(workflowId).describe();
    return { runId: description.runId, status: description.status.name, closeTime: description.closeTime };
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return undefined;
    throw err;
  }
}

/**
 * The reason and identity recorded by `temporal workflow terminate` (or any client's terminate).
 * Reads only the closing event, so the cost does not grow with the run's history.
 */
export async function terminationOf(client: Client, workflowId: string, runId: string): Promise<Termination> {
  const response = await client.workflowService.getWorkflowExecutionHistory({
    namespace: client.options.namespace,
    execution: { workflowId, runId },
    historyEventFilterType: HISTORY_EVENT_FILTER_CLOSE_EVENT,
  });
  const attributes = response.history?.events?.find((event) => event.workflowExecutionTerminatedEventAttributes)?.workflowExecutionTerminatedEventAttributes;
  return { reason: attributes?.reason ?? '', identity: attributes?.identity ?? '' };
}
