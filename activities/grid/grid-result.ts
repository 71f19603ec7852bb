import type { ExecutionAction, ExecutionResult, ExecutionTrigger, OrderSummary } from '../../libs/contracts';

export function gridResult(
  strategyId: string,
  seq: number,
  trigger: ExecutionTrigger,
  action: ExecutionAction,
  reason: string,
  now: Date,
  order?: OrderSummary,
): ExecutionResult {
  return {
    strategy_id: strategyId,
    run_number: seq,
    trigger,
    action,
    reason,
    ...(order ? { order } : {}),
    ...(action === 'error' ? { error: reason } : {}),
    executed_at: now.toISOString(),
  };
}

/** buy/sell when every placed order is on one side, otherwise the first order's side; hold when none. */
export function actionOf(orders: ReadonlyArray<{ side: 'buy' | 'sell' }>): ExecutionAction {
  return orders.length === 0 ? 'hold' : orders[0].side;
}
