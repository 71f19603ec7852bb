import type { OrderSummary } from '../../libs/contracts';
import type { Broker } from '../../libs/broker/broker.port';
import { InsufficientBuyingPowerError, OrderRejectedError } from '../../libs/broker/broker.errors';
import type { BotOrder } from '../../libs/database/entities';
import { orderIntentOf } from '../../libs/database/pending-order-row';
import type { ExecutionStore } from '../strategy-execution/execution-store.port';
import { StrategyInactiveError, StrategyNotFoundError } from '../strategy-execution/execution.errors';
import { placeOrderOnce } from '../strategy-execution/place-order-once';
import type { GridActivityDeps } from './grid-activity.deps';

export interface PlacementOutcome {
  placed: OrderSummary[];
  /** Orders the broker refused (recorded as rejected); the grid carries on without them. */
  refused: Array<{ clientOrderId: string; error: string }>;
}

/**
 * Sends every recorded-but-unsent order (optionally only the answers to one fill), each at most
 * once (placeOrderOnce). A refusal of one level does not hold back the others; a transient
 * broker fault is thrown so the activity is retried.
 */
export async function placeUnsentOrders(deps: GridActivityDeps, broker: Broker, strategyId: string, parentOrderId?: string): Promise<PlacementOutcome> {
  const outcome: PlacementOutcome = { placed: [], refused: [] };
  for (const row of await deps.orders.unsent(strategyId, parentOrderId)) {
    await ensureStillActive(deps.store, strategyId);
    try {
      outcome.placed.push(await placeOrderOnce(deps.store, broker, toPlace(row)));
    } catch (err) {
      if (!(err instanceof OrderRejectedError || err instanceof InsufficientBuyingPowerError)) throw err;
      outcome.refused.push({ clientOrderId: row.clientOrderId, error: err.message });
    }
  }
  return outcome;
}

// A stop (deactivate, emergency stop) marks the strategy inactive before it cancels the workflow:
// reading it again before each order keeps a step that began before the stop from sending more.
async function ensureStillActive(store: ExecutionStore, strategyId: string): Promise<void> {
  const strategy = await store.loadStrategy(strategyId);
  if (!strategy) throw new StrategyNotFoundError(`strategy ${strategyId} no longer exists`);
  if (!strategy.isActive) throw new StrategyInactiveError(`strategy ${strategy.name} was stopped before its orders were sent`);
}

function toPlace(row: BotOrder) {
  return { userId: row.userId, strategyId: row.strategyId, runNumber: row.runNumber ?? 0, clientOrderId: row.clientOrderId, intent: orderIntentOf(row) };
}

export function describeRefusals(outcome: PlacementOutcome): string {
  if (outcome.refused.length === 0) return '';
  return `; refused by the broker: ${outcome.refused.map((r) => `${r.clientOrderId} (${r.error})`).join(', ')}`;
}
