import type { ExecutionResult } from '../../libs/contracts';
import { TERMINAL_ORDER_STATUSES, type BotOrder } from '../../libs/database/entities';
import type { GridLogic, RoundTripProfit } from '../../libs/strategies/grid/grid-logic';
import type { GridActivityDeps } from './grid-activity.deps';
import { toNewGridOrder } from './grid-order-store';
import type { HandleGridFillInput } from './grid-activity.types';
import { cancelOpenGridOrders } from './cancel-open-grid-orders';
import { actionOf, gridResult } from './grid-result';
import { recordGridStep } from './grid-step-log';
import { loadGridStrategy } from './load-grid-strategy';
import { describeRefusals, placeUnsentOrders } from './place-unsent-orders';
import { riskHoldReason } from '../strategy-execution/risk/risk-gate';
import { describeRiskRefusals, screenGridOrders } from './screen-grid-orders';

// Quantities are decimals with up to 9 places; below this two quantities are the same.
const QTY_EPSILON = 1e-9;

/**
 * Answers one fill of a grid order with its counter order(s). The part of the fill not answered
 * yet (filled qty minus countered qty) is claimed in the same transaction that records the
 * answers, so a duplicate or replayed fill finds nothing left to answer and only makes sure the
 * recorded answers were sent.
 */
export async function handleGridFill(deps: GridActivityDeps, input: HandleGridFillInput): Promise<ExecutionResult> {
  const grid = await loadGridStrategy(deps.store, input.strategyId);
  const { strategy, logic, config } = grid;
  const { fill } = input;
  const hold = (reason: string) => gridResult(strategy.id, input.seq, 'scheduled', 'hold', reason, deps.now());

  const filled = await deps.orders.findByClientOrderId(fill.clientOrderId);
  if (!filled || filled.strategyId !== strategy.id || filled.gridLevel === null) return hold(`order ${fill.clientOrderId} is not one of this grid's orders`);
  if (!grid.context) return hold(`grid has not started; fill of ${fill.clientOrderId} left for the set-up`);
  const broker = deps.brokerFor(await deps.loadCredentials(strategy.userId));

  const unanswered = round9(fill.filledQty - filled.counteredQty);
  if (unanswered <= QTY_EPSILON) {
    const outcome = await placeUnsentOrders(deps, broker, strategy.id, filled.id);
    return hold(`fill of ${fill.clientOrderId} up to ${fill.filledQty} already answered${outcome.placed.length ? `; sent ${outcome.placed.length} recorded answers` : ''}`);
  }

  const reaction = logic.onFill(config, grid.context, {
    side: filled.side,
    level: filled.gridLevel,
    role: filled.gridRole ?? 'open',
    qty: unanswered,
    price: fill.filledAvgPrice,
  });
  const answers = reaction.orders.map((order) => toNewGridOrder(order, { userId: strategy.userId, strategyId: strategy.id }, input.seq, filled.id));
  // Each answer passes the risk validator or is dropped; a refused answer still counts the fill
  // as answered (it is not retried on every reconcile), and the step says why in its reason.
  // Checked before the cancel below, counting only the orders the grid keeps open.
  const keptOpen = TERMINAL_ORDER_STATUSES.includes(filled.status) ? 0 : 1;
  const screened = await screenGridOrders(deps, broker, grid, answers, reaction.cancelOtherOpenOrders ? { openOrders: keptOpen } : {});
  // A recentring grid cancels its other orders first, so no stale order fills after the answer.
  if (reaction.cancelOtherOpenOrders) await cancelOpenGridOrders(deps, broker, strategy.id, { except: filled.id });

  const profit = await profitOf(deps, logic, filled, unanswered, fill.filledAvgPrice);
  const claimed = await deps.orders.recordAnswer({
    filledOrderId: filled.id,
    counteredQty: fill.filledQty,
    orders: screened.allowed,
    profit: profit ? { executionKey: `${fill.brokerOrderId}:${fill.filledQty}`, usd: profit.usd } : undefined,
  });
  const outcome = await placeUnsentOrders(deps, broker, strategy.id, filled.id);
  if (!claimed) return hold(`fill of ${fill.clientOrderId} up to ${fill.filledQty} was answered by an earlier attempt`);

  const profitText = profit ? `; round trip profit ${formatProfit(profit, logic, config.symbol)}` : '';
  const allRefused = screened.allowed.length === 0 && screened.refused.length > 0;
  const reason = allRefused
    ? `${riskHoldReason(screened.refused[0].rejection)} (fill of ${fill.clientOrderId} up to ${fill.filledQty} left unanswered: ${reaction.reason}${profitText})`
    : `${reaction.reason}${profitText}${describeRiskRefusals(screened)}${describeRefusals(outcome)}`;
  deps.logger.info({ strategy_id: strategy.id, user_id: strategy.userId, seq: input.seq }, `🔁 ${strategy.name}: ${reason}`);
  const result = gridResult(strategy.id, input.seq, 'scheduled', actionOf(screened.allowed.map((order) => order.intent)), reason, deps.now(), outcome.placed[0]);
  await recordGridStep(deps.dataSource, strategy.userId, result, outcome.placed[0]?.id);
  return result;
}

async function profitOf(deps: GridActivityDeps, logic: GridLogic, filled: BotOrder, qty: number, price: number): Promise<RoundTripProfit | null> {
  if (filled.gridRole !== 'close' || !filled.parentOrderId) return null;
  const opening = await deps.orders.findById(filled.parentOrderId);
  if (!opening || opening.filledAvgPrice === null) return null;
  return logic.roundTripProfit({ side: opening.side, price: opening.filledAvgPrice, qty: opening.filledQty }, { side: filled.side, price, qty });
}

function formatProfit(profit: RoundTripProfit, logic: GridLogic, symbol: string): string {
  const usd = `$${profit.usd.toFixed(2)}`;
  return logic.profitUnit === 'asset' ? `${profit.units} ${symbol} (${usd})` : usd;
}

function round9(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}
