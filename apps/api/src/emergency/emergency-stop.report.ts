/** What went wrong in one step; the stop carries on with everything else. */
export interface EmergencyStopFailure {
  user_id: string;
  step: 'workflow' | 'broker' | 'cancel_order' | 'close_position';
  /** The strategy id, broker order id or symbol concerned (the user id for 'broker'). */
  target: string;
  error: string;
}

/** The answer of an emergency stop: what it did, and what it could not do. */
export interface EmergencyStopReport {
  strategies_stopped: number;
  workflows_cancelled: number;
  /** Of the workflows cancelled, those that had not closed within the grace period and were terminated. */
  workflows_terminated: number;
  orders_cancelled: number;
  positions_closed: number;
  failures: EmergencyStopFailure[];
}

export function emptyReport(): EmergencyStopReport {
  return { strategies_stopped: 0, workflows_cancelled: 0, workflows_terminated: 0, orders_cancelled: 0, positions_closed: 0, failures: [] };
}

export function addReports(total: EmergencyStopReport, part: EmergencyStopReport): EmergencyStopReport {
  return {
    strategies_stopped: total.strategies_stopped + part.strategies_stopped,
    workflows_cancelled: total.workflows_cancelled + part.workflows_cancelled,
    workflows_terminated: total.workflows_terminated + part.workflows_terminated,
    orders_cancelled: total.orders_cancelled + part.orders_cancelled,
    positions_closed: total.positions_closed + part.positions_closed,
    failures: [...total.failures, ...part.failures],
  };
}
