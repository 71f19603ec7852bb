import { clientOrderId, type ExecutionResult, type ExecutionTrigger } from '../../../libs/contracts';
import type { ExecuteStrategyDeps } from '../execute-strategy.activity';
import { placeDecisionOrders } from '../place-decision-orders';
import { finishPlacedRun } from '../finish-placed-run';
import { DEFAULT_FILL_WAIT } from './await-fill';
import { findUnfilledLeg } from './find-unfilled-leg';

export interface SettleUnitInput {
  strategyId: string;
  runNumber: number;
  /** The run's trigger, for its result; 'scheduled' when not given. */
  trigger?: ExecutionTrigger;
}

export type SettleUnitDeps = Pick<ExecuteStrategyDeps, 'store' | 'loadCredentials' | 'brokerFor' | 'logger' | 'now' | 'fillWait'>;

/**
 * Finishes a unit that its run left half done: the run failed for good, or the workflow was
 * cancelled while it was in flight, after at least one leg went out. The first leg that did not
 * fill is recorded as the unit's failure, and placeUnit unwinds the legs that filled, adopting
 * anything an earlier attempt sent by its client_order_id. The run becomes the hold a failed unit
 * is, and the strategy's state stays as it was. Runs for a stopped strategy too (the stop is the
 * reason to get flat), and does nothing for any other run, or one already settled.
 *
 * Returns the run's result when it settled it, undefined when there was nothing to settle.
 */
export async function settleUnit(deps: SettleUnitDeps, input: SettleUnitInput): Promise<ExecutionResult | undefined> {
  const { store } = deps;
  const execution = await store.findExecution(input.strategyId, input.runNumber);
  const decision = execution?.decision;
  if (!decision || execution.status === 'succeeded' || decision.placement !== 'unit') return undefined;
  const legsSent = await Promise.all(decision.orders.map((_, leg) => store.findOrder(clientOrderId(input.strategyId, input.runNumber, leg))));
  if (!legsSent.some(Boolean)) return undefined;
  // Deleting a strategy deletes its runs and orders with it: one that is gone has nothing left here.
  const strategy = await store.loadStrategy(input.strategyId);
  if (!strategy) return undefined;

  const log = deps.logger.child({ strategy_id: strategy.id, user_id: strategy.userId, run_number: input.runNumber });
  const broker = deps.brokerFor(await deps.loadCredentials(strategy.userId));
  const wait = deps.fillWait ?? DEFAULT_FILL_WAIT;
  const unit = { strategyId: strategy.id, runNumber: input.runNumber, legs: decision.orders, stopped: !strategy.isActive };
  const unitFailure = decision.unitFailure ?? (await findUnfilledLeg({ store, broker, wait }, unit));
  // Recorded before anything is unwound, like a failure the run saw itself: a retry unwinds the same legs.
  if (unitFailure && !decision.unitFailure) await store.recordDecision(strategy.id, input.runNumber, { ...decision, unitFailure });

  const placed = await placeDecisionOrders(store, broker, { strategy, runNumber: input.runNumber, decision: { ...decision, unitFailure }, wait });
  // Every leg had filled (the run ended just after): the unit is whole, so the run stands as decided.
  const result = await finishPlacedRun(store, { strategy, runNumber: input.runNumber, trigger: input.trigger ?? 'scheduled', decision, placed, now: deps.now() });
  log.warn(`⚠️ Settled the unit of a run that ended unfinished: ${result.reason}`);
  return result;
}
