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

/**
 * The client_order_id of a grid order. Deterministic in (strategy, level, cycle, side) so a
 * retried or replayed activity finds the order it already placed. The cycle is the grid
 * workflow's event number (set-up, fill answer or reconcile) that placed the order: events are
 * numbered once, in order, and never reused, even across restarts, so no two orders share an id;
 * the side letter keeps apart the orders one event places on one level. With a UUID strategy id
 * it is 41 characters plus the cycle's digits, under Alpaca's older 48-character cap up to cycle
 * 999,999; the `ag-` prefix never collides with clientOrderId's `ap-`.
 */
export function gridClientOrderId(strategyId: string, level: number, cycle: number, side: 'buy' | 'sell'): string {
  if (!Number.isInteger(level) || level < 0) throw new RangeError(`grid level must be a whole number >= 0, got ${level}`);
  if (!Number.isInteger(cycle) || cycle < 0) throw new RangeError(`grid cycle must be a whole number >= 0, got ${cycle}`);
  const compact = strategyId.replace(/-/g, '');
  return `ag-${compact}-${level}-${cycle}${side === 'buy' ? 'b' : 's'}`;
}

/**
 * The client_order_id of the order that unwinds leg `leg` (0-based, as in clientOrderId) of a
 * run's unit after a later leg failed. Deterministic so a retried run adopts the unwind it already
 * sent instead of unwinding twice; the `u` keeps it apart from the legs' own ids. With a UUID
 * strategy id it is 40 characters plus the run's and leg's digits, under the 48-character cap.
 */
export function unwindClientOrderId(strategyId: string, runNumber: number, leg: number): string {
  return `${clientOrderId(strategyId, runNumber)}-u${leg}`;
}
