import type { Logger } from 'pino';
import type { OrderIntent } from '../../../libs/contracts';
import type { Broker } from '../../../libs/broker/broker.port';
import type { RiskRejection, RiskVerdict } from '../../../libs/risk/risk-rule';
import { validateOrders } from '../../../libs/risk/validate-orders';
import { checkOrdersInTurn } from './check-orders-in-turn';
import { loadRiskInput, type KnownMarket, type RiskSubject } from './load-risk-input';
import { riskEventId } from './risk-event-id';
import type { RiskStore } from './risk-store.port';

export interface RiskGateDeps {
  riskStore: RiskStore;
  logger: Logger;
  now(): Date;
}

/** A rejection as the decision records it, so a retried run replays it instead of checking again. */
export type RecordedRiskRejection = Pick<RiskRejection, 'rule' | 'reason' | 'details'>;

/**
 * Runs every risk rule over a batch of orders sent together (a grid's opening ladder), per symbol
 * (the rules compare an order with its symbol's position), and returns the first rejection. No
 * orders, nothing to check.
 */
export async function checkOrders(deps: RiskGateDeps, broker: Broker, subject: RiskSubject, known: KnownMarket = {}): Promise<RiskVerdict> {
  if (subject.orders.length === 0) return { allow: true };
  const bySymbol = new Map<string, OrderIntent[]>();
  for (const order of subject.orders) bySymbol.set(order.symbol, [...(bySymbol.get(order.symbol) ?? []), order]);
  for (const [symbol, orders] of bySymbol) {
    const verdict = validateOrders(await loadRiskInput(broker, deps.riskStore, { ...subject, orders }, deps.now(), knownForSymbol(symbol, subject, known)));
    if (!verdict.allow) return { ...verdict, details: { ...verdict.details, orders: orders.map(describeOrder) } };
  }
  return { allow: true };
}

/**
 * The risk check of an interval strategy's decision. Its orders go out one after another (a
 * unit's legs each once the one before has filled, an 'each' decision's each once the sell before
 * has finished), so they are checked in turn: each order against the account the ones before it
 * leave (see checkOrdersInTurn), which lets a rebalance's buy spend what its own sell raises. A
 * rejection names the leg of a unit, or the order of a decision that has several.
 */
export async function checkDecisionOrders(deps: RiskGateDeps, broker: Broker, subject: RiskSubject, known: KnownMarket = {}): Promise<RiskVerdict> {
  const refused = await checkOrdersInTurn(deps, broker, subject, known);
  if (!refused) return { allow: true };
  const { rejection, leg } = refused;
  const which = subject.placement === 'unit' ? { unit_leg: leg + 1 } : subject.orders.length > 1 ? { decision_order: leg + 1 } : {};
  return { ...rejection, details: { ...rejection.details, orders: [describeOrder(subject.orders[leg])], ...which } };
}

/**
 * Checks orders one at a time, each alongside those already let through (which count towards
 * open orders, buying power and position): one verdict per order, in order. All for one symbol;
 * the broker and our records are read once.
 */
export async function checkEachOrder(deps: RiskGateDeps, broker: Broker, subject: RiskSubject, known: KnownMarket = {}): Promise<RiskVerdict[]> {
  if (subject.orders.length === 0) return [];
  const input = await loadRiskInput(broker, deps.riskStore, subject, deps.now(), known);
  const allowed: OrderIntent[] = [];
  return subject.orders.map((order) => {
    const verdict = validateOrders({ ...input, orders: [...allowed, order] });
    if (verdict.allow) allowed.push(order);
    return verdict.allow ? verdict : { ...verdict, details: { ...verdict.details, orders: [describeOrder(order)] } };
  });
}

/**
 * Writes the rejection's bot_risk_events row (once per `key`, however often the step is retried)
 * and logs it. `key` names what was rejected: `run:<strategy>:<run>`, `grid-setup:<strategy>:<seq>`
 * or `order:<client_order_id>`.
 */
export async function recordRiskRejection(
  deps: RiskGateDeps,
  owner: { strategyId: string; userId: string },
  key: string,
  rejection: RecordedRiskRejection,
): Promise<void> {
  await deps.riskStore.recordRiskEvent({
    id: riskEventId(key),
    userId: owner.userId,
    strategyId: owner.strategyId,
    rule: rejection.rule,
    reason: rejection.reason,
    details: { ...rejection.details, key },
  });
  deps.logger.warn({ strategy_id: owner.strategyId, user_id: owner.userId, rule: rejection.rule, risk_key: key }, `❌ Risk validation failed: ${rejection.rule}: ${rejection.reason}`);
}

/** The execution result's reason for a rejected order: `risk: <rule>: <reason>`. */
export function riskHoldReason(rejection: RecordedRiskRejection): string {
  return `risk: ${rejection.rule}: ${rejection.reason}`;
}

// The caller's facts belong to the first order's symbol; only the account is every symbol's.
function knownForSymbol(symbol: string, subject: RiskSubject, known: KnownMarket): KnownMarket {
  return symbol === subject.orders[0].symbol ? known : { account: known.account };
}

function describeOrder(order: OrderIntent): Record<string, unknown> {
  return {
    symbol: order.symbol,
    side: order.side,
    type: order.type,
    ...(order.qty !== undefined ? { qty: order.qty } : {}),
    ...(order.notional !== undefined ? { notional: order.notional } : {}),
    ...(order.limitPrice !== undefined ? { limit_price: order.limitPrice } : {}),
  };
}
