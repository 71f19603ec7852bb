/** Task queue every strategy workflow and its activities run on. */
export const STRATEGY_TASK_QUEUE = 'autopilot-strategies';

const WORKFLOW_ID_PREFIX = 'strategy-';

export function strategyWorkflowId(strategyId: string): string {
  return `${WORKFLOW_ID_PREFIX}${strategyId}`;
}

export function strategyIdFromWorkflowId(workflowId: string): string | undefined {
  return workflowId.startsWith(WORKFLOW_ID_PREFIX) ? workflowId.slice(WORKFLOW_ID_PREFIX.length) : undefined;
}

/**
 * The broker-side idempotency key of the order a strategy run places. Deterministic in
 * (strategy, run number, leg) so a retried activity finds the order it already placed instead of
 * placing it again. Alpaca's older docs cap client_order_id at 48 characters: a UUID without
 * hyphens (32) plus the prefix and run number stays under it.
 */
export function clientOrderId(strategyId: string, runNumber: number, leg = 0): string {
  const compact = strategyId.replace(/-/g, '');
  const legSuffix = leg === 0 ? '' : `-${leg}`;
  return `ap-${compact}-${runNumber}${legSuffix}`;
}
