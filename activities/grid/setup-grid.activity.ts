import { fetchGridStartFacts } from '../../libs/strategies/grid/fetch-grid-start-market';
import type { PersistedGridState } from '../../libs/strategies/grid/grid-logic';
import type { GridActivityDeps } from './grid-activity.deps';
import { toNewGridOrder } from './grid-order-store';
import type { SetupGridInput, SetupGridResult } from './grid-activity.types';
import { actionOf, gridResult } from './grid-result';
import { recordGridStep } from './grid-step-log';
import { loadGridStrategy } from './load-grid-strategy';
import { describeRefusals, placeUnsentOrders } from './place-unsent-orders';
import { riskHoldReason } from '../strategy-execution/risk/risk-gate';
import { screenGridSetup } from './screen-grid-orders';

/**
 * Starts a grid: checks it against the market, records its opening orders and start price in one
 * transaction, then sends them. A retried attempt finds the recorded orders and only sends what
 * is still unsent; a grid that is already running (restarted workflow) is resumed, not restarted.
 */
export async function setupGrid(deps: GridActivityDeps, input: SetupGridInput): Promise<SetupGridResult> {
  const grid = await loadGridStrategy(deps.store, input.strategyId);
  const { strategy, logic, config } = grid;
  const log = deps.logger.child({ strategy_id: strategy.id, user_id: strategy.userId, seq: input.seq });
  const broker = deps.brokerFor(await deps.loadCredentials(strategy.userId));

  if (grid.started) {
    const outcome = await placeUnsentOrders(deps, broker, strategy.id);
    const reason = `grid already running since ${grid.started.started_at} (start price ${grid.started.start_price}); resumed${outcome.placed.length ? `, sent ${outcome.placed.length} unsent orders` : ''}${describeRefusals(outcome)}`;
    return { result: gridResult(strategy.id, input.seq, 'initial', 'hold', reason, deps.now()), resumed: true };
  }

  const facts = await fetchGridStartFacts(broker, config.symbol);
  const { market } = facts;
  const check = logic.checkStart(config, market);
  if (!check.ok) {
    log.warn(`❌ Grid ${strategy.name} cannot start: ${check.error}`);
    const result = gridResult(strategy.id, input.seq, 'initial', 'error', check.error, deps.now());
    await recordGridStep(deps.dataSource, strategy.userId, result);
    return { result, resumed: false };
  }

  const opening = logic.initialOrders(config, market);
  // Refused by the risk validator: like a failed start check, an error the workflow retries later.
  const refusal = await screenGridSetup(deps, broker, grid, input.seq, opening, {
    latestPrice: market.price,
    account: facts.account,
    asset: facts.asset,
    position: facts.position,
  });
  if (refusal) {
    const result = gridResult(strategy.id, input.seq, 'initial', 'error', riskHoldReason(refusal), deps.now());
    await recordGridStep(deps.dataSource, strategy.userId, result);
    return { result, resumed: false };
  }
  const started: PersistedGridState = { start_price: market.price, is_crypto: market.isCrypto, started_at: deps.now().toISOString() };
  await deps.orders.recordSetup(
    strategy.id,
    started,
    opening.map((order) => toNewGridOrder(order, { userId: strategy.userId, strategyId: strategy.id }, input.seq, null)),
  );
  const outcome = await placeUnsentOrders(deps, broker, strategy.id);
  const reason =
    `grid started at ${config.symbol} ${market.price}: ${opening.length} opening orders` +
    (opening.length ? ` (${opening.map((o) => `${o.side} ${o.qty} @ level ${o.level}${o.limitPrice ? ` ${o.limitPrice}` : ''}`).join(', ')})` : '') +
    describeRefusals(outcome);
  log.info(`🟩 ${strategy.name}: ${reason}`);
  const result = gridResult(strategy.id, input.seq, 'initial', actionOf(opening), reason, deps.now(), outcome.placed[0]);
  await recordGridStep(deps.dataSource, strategy.userId, result, outcome.placed[0]?.id);
  return { result, resumed: false };
}
