import type { OrderIntent } from '../../libs/contracts';
import type { Broker } from '../../libs/broker/broker.port';
import type { KnownMarket } from '../strategy-execution/risk/load-risk-input';
import { checkEachOrder, checkOrders, recordRiskRejection, riskHoldReason, type RecordedRiskRejection } from '../strategy-execution/risk/risk-gate';
import { riskEventId } from '../strategy-execution/risk/risk-event-id';
import type { GridActivityDeps } from './grid-activity.deps';
import type { NewGridOrder } from './grid-order-store';
import type { LoadedGrid } from './load-grid-strategy';

export interface ScreenedGridOrders {
  allowed: NewGridOrder[];
  refused: Array<{ order: NewGridOrder; rejection: RecordedRiskRejection }>;
}

/**
 * Runs the risk validator over a grid step's new orders (a fill's answers, reconcile's
 * replacements), each on its own: a refused order is dropped and recorded as a risk event under
 * its client_order_id, the others go. An order refused by an earlier attempt of the same step
 * stays refused (its event is the recorded verdict), so a retry never sends what was refused.
 */
export async function screenGridOrders(deps: GridActivityDeps, broker: Broker, grid: LoadedGrid, orders: NewGridOrder[], known: KnownMarket = {}): Promise<ScreenedGridOrders> {
  const owner = { strategyId: grid.strategy.id, userId: grid.strategy.userId };
  const screened: ScreenedGridOrders = { allowed: [], refused: [] };
  const unchecked: NewGridOrder[] = [];
  for (const order of orders) {
    const earlier = await deps.riskStore.findRiskEvent(riskEventId(orderKey(order)));
    if (earlier) screened.refused.push({ order, rejection: { rule: earlier.rule as RecordedRiskRejection['rule'], reason: earlier.reason, details: earlier.details } });
    else unchecked.push(order);
  }
  const verdicts = await checkEachOrder(deps, broker, { ...owner, config: grid.config, orders: unchecked.map((order) => order.intent) }, known);
  for (const [i, verdict] of verdicts.entries()) {
    if (verdict.allow) screened.allowed.push(unchecked[i]);
    else screened.refused.push({ order: unchecked[i], rejection: { rule: verdict.rule, reason: verdict.reason, details: verdict.details } });
  }
  for (const { order, rejection } of screened.refused) await recordRiskRejection(deps, owner, orderKey(order), rejection);
  return screened;
}

/**
 * Runs the risk validator over a grid's opening orders as a whole: the grid starts with all of
 * them or not at all. Returns the rejection (recorded once per set-up step as a risk event), or
 * undefined when the grid may start. A retried set-up step replays its recorded rejection.
 */
export async function screenGridSetup(
  deps: GridActivityDeps,
  broker: Broker,
  grid: LoadedGrid,
  seq: number,
  orders: OrderIntent[],
  known: KnownMarket = {},
): Promise<RecordedRiskRejection | undefined> {
  const owner = { strategyId: grid.strategy.id, userId: grid.strategy.userId };
  const key = `grid-setup:${grid.strategy.id}:${seq}`;
  const earlier = await deps.riskStore.findRiskEvent(riskEventId(key));
  let rejection: RecordedRiskRejection | undefined = earlier ? { rule: earlier.rule as RecordedRiskRejection['rule'], reason: earlier.reason, details: earlier.details } : undefined;
  if (!rejection) {
    const verdict = await checkOrders(deps, broker, { ...owner, config: grid.config, orders }, known);
    if (!verdict.allow) rejection = { rule: verdict.rule, reason: verdict.reason, details: verdict.details };
  }
  if (rejection) await recordRiskRejection(deps, owner, key, rejection);
  return rejection;
}

/** "; refused by the risk validator: <level> (risk: <rule>: <reason>)" for a step's reason; empty when none. */
export function describeRiskRefusals(screened: ScreenedGridOrders): string {
  if (screened.refused.length === 0) return '';
  const each = screened.refused.map(({ order, rejection }) => `${order.intent.side} at level ${order.level} (${riskHoldReason(rejection)})`);
  return `; refused by the risk validator: ${each.join(', ')}`;
}

function orderKey(order: NewGridOrder): string {
  return `order:${order.clientOrderId}`;
}
