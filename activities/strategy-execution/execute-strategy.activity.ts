import type { Logger } from 'pino';
import { isStrategyType, type ExecutionResult, type ExecutionTrigger, type OrderSummary } from '../../libs/contracts';
import type { Broker, BrokerCredentials } from '../../libs/broker/broker.port';
import { getStrategy } from '../../libs/strategies/registry';
import type { ExecutionStore, RecordedDecision, StrategyRecord } from './execution-store.port';
import { InvalidConfigurationError, StrategyInactiveError, StrategyNotFoundError } from './execution.errors';
import { knownMarketOf, loadDecisionMarket } from './load-decision-market';
import { finishPlacedRun } from './finish-placed-run';
import { placeDecisionOrders } from './place-decision-orders';
import { checkDecisionOrders, recordRiskRejection, riskHoldReason } from './risk/risk-gate';
import type { RiskStore } from './risk/risk-store.port';
import { DEFAULT_FILL_WAIT, type FillWait } from './unit/await-fill';

export interface ExecuteStrategyInput {
  strategyId: string;
  runNumber: number;
  trigger: ExecutionTrigger;
}

export interface ExecuteStrategyDeps {
  store: ExecutionStore;
  riskStore: RiskStore;
  loadCredentials(userId: string): Promise<BrokerCredentials>;
  brokerFor(credentials: BrokerCredentials): Broker;
  logger: Logger;
  now(): Date;
  /** How long a unit's legs are waited for; DEFAULT_FILL_WAIT unless a test shortens it. */
  fillWait?: FillWait;
}

/**
 * One run of an interval strategy: decide once from market data, record the decision, then act
 * on it idempotently. A retried attempt of the same run replays the recorded decision, so the
 * order it sends (keyed by strategy and run number) is the same one, never a second one.
 */
export async function executeStrategy(deps: ExecuteStrategyDeps, input: ExecuteStrategyInput): Promise<ExecutionResult> {
  const { store } = deps;
  const strategy = await store.loadStrategy(input.strategyId);
  if (!strategy) throw new StrategyNotFoundError(`strategy ${input.strategyId} no longer exists`);
  const previous = await store.findExecution(strategy.id, input.runNumber);
  if (previous?.status === 'succeeded' && previous.result) return previous.result;
  if (!strategy.isActive) throw new StrategyInactiveError(`strategy ${strategy.name} is inactive`);

  const log = deps.logger.child({ strategy_id: strategy.id, user_id: strategy.userId, run_number: input.runNumber });
  log.info(`🤖 [SCHEDULER] Executing ${strategy.name} (${strategy.type}) for user ${strategy.userId}`);
  await store.beginExecution({ strategyId: strategy.id, userId: strategy.userId, runNumber: input.runNumber, trigger: input.trigger });

  try {
    const broker = deps.brokerFor(await deps.loadCredentials(strategy.userId));
    const decision = previous?.decision ?? (await decideAndRecord(deps, strategy, broker, input.runNumber));
    // Recorded with the decision, so a retried run writes its one risk event instead of checking again.
    if (decision.risk) await recordRiskRejection(deps, { strategyId: strategy.id, userId: strategy.userId }, `run:${strategy.id}:${input.runNumber}`, decision.risk);
    if (decision.orders.length > 0) await ensureStillActive(store, strategy.id);
    const placed = await placeDecisionOrders(store, broker, { strategy, runNumber: input.runNumber, decision, wait: deps.fillWait ?? DEFAULT_FILL_WAIT });
    const result = await finishPlacedRun(store, { strategy, runNumber: input.runNumber, trigger: input.trigger, decision, placed, now: deps.now() });
    if (placed.unitFailure) log.warn(`⚠️ ${placed.unitFailure}`);
    else logDecision(log, result);
    return result;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    log.error({ err_name: (err as Error)?.name }, `❌ Execution of ${strategy.name} failed: ${message}`);
    await store.failExecution({ strategyId: strategy.id, runNumber: input.runNumber, error: message });
    throw err;
  }
}

// The user may have pressed stop while this run was deciding: the API marks the strategy
// inactive before it cancels the workflow, so one read here keeps a stopped strategy from trading.
async function ensureStillActive(store: ExecutionStore, strategyId: string): Promise<void> {
  const current = await store.loadStrategy(strategyId);
  if (!current) throw new StrategyNotFoundError(`strategy ${strategyId} no longer exists`);
  if (!current.isActive) throw new StrategyInactiveError(`strategy ${current.name} was stopped before its order was sent`);
}

async function decideAndRecord(
  deps: ExecuteStrategyDeps,
  strategy: StrategyRecord,
  broker: Broker,
  runNumber: number,
): Promise<RecordedDecision> {
  if (!isStrategyType(strategy.type)) throw new InvalidConfigurationError(`unknown strategy type "${strategy.type}"`);
  const definition = getStrategy(strategy.type);
  const parsed = definition.configSchema.safeParse(strategy.configuration);
  if (!parsed.success) {
    throw new InvalidConfigurationError(`configuration of ${strategy.name} is invalid: ${parsed.error.message}`);
  }
  const config = parsed.data;
  const asOf = deps.now();
  const request = definition.marketData(config, { state: strategy.state, asOf });
  const market = await loadDecisionMarket(broker, request);
  const { account } = market;
  const primary = market.markets[request.symbol];
  const decision = definition.decide({
    config,
    asOf,
    ...primary,
    account: { cash: account.cash, buyingPower: account.buyingPower, equity: account.equity },
    state: strategy.state,
    markets: market.markets,
    quotes: market.quotes,
    news: market.news,
  });
  const verdict = await checkDecisionOrders(
    deps,
    broker,
    { strategyId: strategy.id, userId: strategy.userId, config, orders: decision.orders, placement: decision.placement },
    knownMarketOf(market),
  );
  // A refused order makes the run a hold that leaves the strategy's state as it was (a DCA has not spent).
  const recorded: RecordedDecision = verdict.allow
    ? { action: decision.action, reason: decision.reason, orders: decision.orders, nextState: decision.nextState, ...(decision.placement ? { placement: decision.placement } : {}) }
    : { action: 'hold', reason: riskHoldReason(verdict), orders: [], nextState: strategy.state, risk: { rule: verdict.rule, reason: verdict.reason, details: verdict.details } };
  await deps.store.recordDecision(strategy.id, runNumber, recorded);
  return recorded;
}

function logDecision(log: Logger, result: ExecutionResult): void {
  const orders = result.orders ?? [];
  const sizes = orders.map((order) => `${orders.length > 1 ? `${order.side} ` : ''}${sizeOf(order)}`).join(', ');
  if (result.action === 'buy') log.info(`✅ BUY executed: ${sizes} (${result.reason})`);
  else if (result.action === 'sell') log.info(`✅ SELL executed: ${sizes} (${result.reason})`);
  else if (result.reason.startsWith('HOLD')) log.info(`⏸️ ${result.reason}`);
  else log.info(result.reason.startsWith('risk:') ? `⏸️ HOLD - ${result.reason}` : `⏸️ HOLD - waiting for signal: ${result.reason}`);
}

function sizeOf(order: OrderSummary): string {
  return order.qty !== null ? `${order.qty} ${order.symbol}` : `$${order.notional} of ${order.symbol}`;
}
