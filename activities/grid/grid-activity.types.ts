import type { ExecutionResult, OrderFillEvent } from '../../libs/contracts';

export interface SetupGridInput {
  strategyId: string;
  /** The workflow's event number: the cycle in the opening orders' client_order_ids. */
  seq: number;
}

export interface SetupGridResult {
  result: ExecutionResult;
  /** The grid was already set up (a restarted workflow): its orders stand, only reconcile them. */
  resumed: boolean;
}

export interface HandleGridFillInput {
  strategyId: string;
  seq: number;
  fill: OrderFillEvent;
}

export interface ReconcileGridInput {
  strategyId: string;
  seq: number;
  trigger: 'scheduled' | 'manual';
}

export interface ReconcileGridResult {
  result: ExecutionResult;
  /** Fills the broker reports that the grid has not answered yet; the workflow queues them. */
  fills: OrderFillEvent[];
}

export interface CancelGridOrdersInput {
  strategyId: string;
  userId: string;
}
