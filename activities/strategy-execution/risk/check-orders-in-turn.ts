import type { Broker } from '../../../libs/broker/broker.port';
import { projectExposures } from '../../../libs/risk/order-exposure';
import type { RiskInput, RiskRejection, RiskRule } from '../../../libs/risk/risk-rule';
import { assetNotTradableRule } from '../../../libs/risk/rules/asset-not-tradable.rule';
import { marketClosedRule } from '../../../libs/risk/rules/market-closed.rule';
import { RISK_RULES, validateOrders } from '../../../libs/risk/validate-orders';
import { baseAsset, isUsdQuoted, positionSymbolOf, quoteCurrency } from '../symbol-assets';
import { loadRiskInput, type KnownMarket, type RiskSubject } from './load-risk-input';
import type { RiskGateDeps } from './risk-gate';

// A unit's leg priced in something other than USD (BTC/USDT, ETH/BTC) swaps one holding for
// another inside the unit: its price is not in USD, so the USD size and money rules cannot value it.
const CONVERSION_RULES: readonly RiskRule[] = [assetNotTradableRule, marketClosedRule];

/** Units of one asset, and USD put into it, that the decision's earlier orders move. */
interface Moved {
  qty: number;
  usd: number;
}

/**
 * The risk check of a decision whose orders go out one after another: a unit's legs (pairs,
 * arbitrage) each once the one before has filled, an 'each' decision's orders each once the sell
 * before them has finished (a rebalance funds its buys with its sells). So each order is checked
 * on its own against the account as the earlier ones leave it, not against the broker's current
 * account: a "sell BTC/USD" after a "buy BTC/USDT" sells what the unit just bought, it does not
 * open a short, and a buy may spend what an earlier sale raises.
 *
 * - Positions are projected per asset: a crypto pair moves its base asset (BTC/USDT and BTC/USD
 *   both move BTC, which the broker keys as BTCUSD); a conversion leg also moves the asset it is
 *   priced in (buying ETH/BTC spends BTC), so a later leg can sell what a conversion yielded.
 * - Buying power drops by what each earlier USD order needs (as the buying-power rule counts it)
 *   and grows by what an earlier sale of a held position brings in.
 * - USD-quoted orders face every rule. A unit's conversion legs only face the tradable and
 *   market-open rules; an 'each' decision gets no such allowance, its orders stand on their own.
 *
 * The rules themselves are unchanged: each sees a one-order batch with the projected position.
 * Returns the first order refused (0-based), or undefined when every order passes.
 */
export async function checkOrdersInTurn(
  deps: RiskGateDeps,
  broker: Broker,
  subject: RiskSubject,
  known: KnownMarket,
): Promise<{ leg: number; rejection: RiskRejection } | undefined> {
  if (subject.orders.length === 0) return undefined;
  // One account and one clock for the whole check: every order is weighed against the same moment.
  const [account, clock] = await Promise.all([known.account ?? broker.getAccount(), known.clock ?? broker.getClock()]);
  const moved = new Map<string, Moved>();
  const heldAtBroker = new Map<string, number>();
  let spent = 0;
  for (const [leg, order] of subject.orders.entries()) {
    const asset = baseAsset(order.symbol);
    const price = known.latestPrices?.[order.symbol] ?? (await broker.getLatestPrice(order.symbol));
    const held = await accountQty(broker, known, heldAtBroker, positionSymbolOf(order.symbol));
    const before = moved.get(asset) ?? { qty: 0, usd: 0 };
    const loaded = await loadRiskInput(broker, deps.riskStore, { ...subject, orders: [order] }, deps.now(), {
      account: { ...account, buyingPower: account.buyingPower - spent, nonMarginableBuyingPower: account.nonMarginableBuyingPower - spent },
      clock,
      position: null, // replaced by the projection below
      latestPrice: price,
    });
    const input: RiskInput = {
      ...loaded,
      accountPositionQty: held + before.qty,
      strategyPosition: { qty: loaded.strategyPosition.qty + before.qty, netInvested: loaded.strategyPosition.netInvested + before.usd },
    };
    const usdLeg = isUsdQuoted(order.symbol);
    const verdict = validateOrders(input, usdLeg || subject.placement !== 'unit' ? RISK_RULES : CONVERSION_RULES);
    if (!verdict.allow) return { leg, rejection: verdict };

    const [fill] = projectExposures(input.accountPositionQty, [order], price);
    const units = order.side === 'buy' ? fill.qty : -fill.qty;
    move(moved, asset, units, usdLeg ? Math.sign(units) * fill.notional : 0);
    if (usdLeg) spent += order.side === 'buy' ? fill.notional : (2 * fill.increase - fill.qty) * fill.price;
    else move(moved, quoteCurrency(order.symbol), -units * fill.price, 0);
  }
  return undefined;
}

async function accountQty(broker: Broker, known: KnownMarket, cache: Map<string, number>, positionSymbol: string): Promise<number> {
  const cached = cache.get(positionSymbol);
  if (cached !== undefined) return cached;
  const position = known.positions && positionSymbol in known.positions ? known.positions[positionSymbol] : await broker.getPosition(positionSymbol);
  const qty = position?.qty ?? 0;
  cache.set(positionSymbol, qty);
  return qty;
}

function move(moved: Map<string, Moved>, asset: string, qty: number, usd: number): void {
  const current = moved.get(asset) ?? { qty: 0, usd: 0 };
  moved.set(asset, { qty: current.qty + qty, usd: current.usd + usd });
}
