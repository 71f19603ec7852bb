import type { ExecutionResult, OrderFillEvent, StrategyType } from '../../libs/contracts';
import type { PositionExitEvent } from '../../libs/contracts/position-exit';

/** Memory of a grid workflow, carried across continue-as-new. */
export interface GridLoopState {
  /** Whether the set-up activity has placed (or resumed) the grid's opening orders. */
  setUp: boolean;
  /**
   * The last event number handed to an activity. Every set-up, fill and reconcile gets the next
   * one, and it is the cycle number in the client_order_ids of the orders it places, so two
   * events can never produce the same id.
   */
  eventSeq: number;
  /** Fills answered so far (the status query's run count). */
  fillsHandled: number;
  /** Highest cumulative filled qty seen per broker order id, oldest first; bounded. */
  seenFills: Array<[brokerOrderId: string, filledQty: number]>;
  /** Fills signalled but not answered yet, in arrival order. */
  pendingFills: OrderFillEvent[];
  /** Epoch ms of the last reconcile (or set-up); the next is one reconcile interval later. */
  lastReconcileAt?: number;
  lastResult?: ExecutionResult;
  lastExit?: PositionExitEvent;
}

export interface GridWorkflowInput {
  strategyId: string;
  userId: string;
  strategyType: StrategyType;
  /** Seconds between reconciles with the broker (the registry's interval, 24 h by default). */
  intervalSeconds: number;
  state?: GridLoopState;
  /** Continue-as-new after this many fills in one execution (tests use a small number). */
  fillsPerExecution?: number;
}

/** Older entries are forgotten; a duplicate that old is still a no-op in the fill activity. */
export const MAX_SEEN_FILLS = 1000;

/** After a failed set-up, try again this often (or sooner on a manual execute). */
export const SETUP_RETRY_MS = 5 * 60_000;

export function initialGridState(input: GridWorkflowInput): GridLoopState {
  return input.state ?? { setUp: false, eventSeq: 0, fillsHandled: 0, seenFills: [], pendingFills: [] };
}

/**
 * Queues a fill unless it is a duplicate or older than one already seen for the same order (an
 * event with a cumulative filled qty at or below the highest seen). Returns whether it was queued.
 */
export function acceptFill(state: GridLoopState, fill: OrderFillEvent): boolean {
  const index = state.seenFills.findIndex(([orderId]) => orderId === fill.brokerOrderId);
  const seen = index >= 0 ? state.seenFills[index][1] : 0;
  if (!(fill.filledQty > seen)) return false;
  if (index >= 0) state.seenFills.splice(index, 1);
  state.seenFills.push([fill.brokerOrderId, fill.filledQty]);
  if (state.seenFills.length > MAX_SEEN_FILLS) state.seenFills.shift();
  state.pendingFills.push(fill);
  return true;
}

/** Lets a later signal for the same fill through again (its answer failed and must be retried). */
export function forgetFill(state: GridLoopState, fill: OrderFillEvent): void {
  const index = state.seenFills.findIndex(([orderId, qty]) => orderId === fill.brokerOrderId && qty === fill.filledQty);
  if (index >= 0) state.seenFills.splice(index, 1);
}

export function nextEventSeq(state: GridLoopState): number {
  state.eventSeq += 1;
  return state.eventSeq;
}
