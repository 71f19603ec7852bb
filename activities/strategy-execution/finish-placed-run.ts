import type { ExecutionResult, ExecutionTrigger } from '../../libs/contracts';
import type { ExecutionStore, RecordedDecision, StrategyRecord } from './execution-store.port';
import type { PlacedOrders } from './place-decision-orders';

export interface PlacedRun {
  strategy: StrategyRecord;
  runNumber: number;
  trigger: ExecutionTrigger;
  decision: RecordedDecision;
  placed: PlacedOrders;
  now: Date;
}

/**
 * Records how a run's orders went out and returns the run's result. A failed unit was unwound:
 * the strategy did not enter, so the run is that hold and the strategy's state stays as it was.
 */
export async function finishPlacedRun(store: ExecutionStore, run: PlacedRun): Promise<ExecutionResult> {
  const { strategy, runNumber, decision, placed } = run;
  const { orders } = placed;
  const result: ExecutionResult = {
    strategy_id: strategy.id,
    run_number: runNumber,
    trigger: run.trigger,
    action: placed.unitFailure ? 'hold' : decision.action,
    reason: placed.unitFailure ?? decision.reason,
    ...(orders.length > 0 ? { order: orders[0], orders } : {}),
    executed_at: run.now.toISOString(),
  };
  const nextState = placed.unitFailure ? strategy.state : decision.nextState;
  await store.finishExecution({ strategyId: strategy.id, runNumber, result, nextState, orderId: orders[0]?.id });
  return result;
}
