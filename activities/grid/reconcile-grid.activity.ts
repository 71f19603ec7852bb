import { gridClientOrderId, type OrderFillEvent } from '../../libs/contracts';
import type { BrokerOrder } from '../../libs/broker/broker.port';
import type { BotOrder } from '../../libs/database/entities';
import { orderIntentOf } from '../../libs/database/pending-order-row';
import { pendingFillEvent } from '../../libs/order-fills/order-fill-event';
import type { NewGridOrder } from './grid-order-store';
import type { GridActivityDeps } from './grid-activity.deps';
import type { ReconcileGridInput, ReconcileGridResult } from './grid-activity.types';
import { gridResult } from './grid-result';
import { recordGridStep } from './grid-step-log';
import { loadGridStrategy } from './load-grid-strategy';
import { describeRefusals, placeUnsentOrders } from './place-unsent-orders';
import { describeRiskRefusals, screenGridOrders } from './screen-grid-orders';

const CLOSED_WITHOUT_US: ReadonlyArray<BrokerOrder['status']> = ['canceled', 'expired', 'rejected', 'done_for_day'];

/**
 * Compares the grid's open orders with the broker's and repairs the differences: sends what was
 * recorded but never sent, records fills nobody reported (and hands them to the workflow to
 * answer), and re-places the unfilled rest of an order the broker closed without our asking.
 */
export async function reconcileGrid(deps: GridActivityDeps, input: ReconcileGridInput): Promise<ReconcileGridResult> {
  const grid = await loadGridStrategy(deps.store, input.strategyId);
  const { strategy } = grid;
  const broker = deps.brokerFor(await deps.loadCredentials(strategy.userId));
  const sent = await placeUnsentOrders(deps, broker, strategy.id);

  const fills = new Map<string, OrderFillEvent>();
  const replacements: NewGridOrder[] = [];
  let checked = 0;
  for (const row of await deps.orders.open(strategy.id)) {
    checked += 1;
    const atBroker = await broker.getOrder(row.brokerOrderId!);
    const fill = await deps.recordBrokerOrder(atBroker);
    if (fill) fills.set(fill.brokerOrderId, fill);
    const rest = (row.qty ?? 0) - atBroker.filledQty;
    if (CLOSED_WITHOUT_US.includes(atBroker.status) && rest > 1e-9 && !replacements.some((r) => r.level === row.gridLevel && r.intent.side === row.side)) {
      replacements.push(replacementOf(row, rest, input.seq));
    }
  }
  // Recorded fills still without their full answer (a signal lost, or an earlier answer failed).
  for (const row of await deps.orders.unanswered(strategy.id)) {
    if (fills.has(row.brokerOrderId!)) continue;
    const fill = pendingFillEvent(row, grid.logic.type);
    if (fill) fills.set(fill.brokerOrderId, fill);
  }
  // A replacement is a new order: it passes the risk validator like a fill's answer.
  const screened = await screenGridOrders(deps, broker, grid, replacements);
  await deps.orders.recordReplacements(screened.allowed);
  const replaced = await placeUnsentOrders(deps, broker, strategy.id);

  const parts = [`checked ${checked} open orders with the broker`];
  if (sent.placed.length) parts.push(`sent ${sent.placed.length} unsent orders`);
  if (fills.size) parts.push(`${fills.size} fills to answer`);
  if (screened.allowed.length) parts.push(`re-placed ${screened.allowed.length} orders the broker closed (${screened.allowed.map((r) => `${r.intent.side} level ${r.level}`).join(', ')})`);
  const reason = `grid reconciled: ${parts.join('; ')}${describeRiskRefusals(screened)}${describeRefusals(sent)}${describeRefusals(replaced)}`;
  const result = gridResult(strategy.id, input.seq, input.trigger, 'hold', reason, deps.now());
  await recordGridStep(deps.dataSource, strategy.userId, result);
  deps.logger.info({ strategy_id: strategy.id, user_id: strategy.userId, seq: input.seq }, `🔄 ${strategy.name}: ${reason}`);
  return { result, fills: [...fills.values()] };
}

function replacementOf(row: BotOrder, qty: number, seq: number): NewGridOrder {
  return {
    userId: row.userId,
    strategyId: row.strategyId,
    seq,
    clientOrderId: gridClientOrderId(row.strategyId, row.gridLevel!, seq, row.side),
    // Grid orders always carry a qty (never a notional): the replacement trades the unfilled rest.
    intent: { ...orderIntentOf(row), qty: Math.round(qty * 1e9) / 1e9 },
    level: row.gridLevel!,
    role: row.gridRole ?? 'open',
    parentOrderId: row.parentOrderId,
  };
}
