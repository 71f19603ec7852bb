import type { OrderIntent } from '../../../libs/contracts';
import type { Broker, BrokerAccount, BrokerAsset, BrokerPosition, MarketClock } from '../../../libs/broker/broker.port';
import { pickRiskLimits, resolveRiskLimits } from '../../../libs/risk/risk-limits';
import type { RiskInput } from '../../../libs/risk/risk-rule';
import { startOfTradingDay } from '../../../libs/risk/trading-day';
import type { RiskStore } from './risk-store.port';

export interface RiskSubject {
  strategyId: string;
  userId: string;
  /** The strategy's parsed configuration: its own limits and allocated capital live there. */
  config: Record<string, unknown>;
  /** The orders about to be sent; loadRiskInput takes them as one batch of the first order's symbol. */
  orders: readonly OrderIntent[];
  /** A decision's placement: 'unit' relaxes the rules for its conversion legs (see checkOrdersInTurn). */
  placement?: 'each' | 'unit';
}

/** Facts the caller already has for this decision, used instead of asking again. */
export interface KnownMarket {
  account?: BrokerAccount;
  clock?: MarketClock;
  /** null: known to be flat. */
  position?: BrokerPosition | null;
  latestPrice?: number;
  asset?: BrokerAsset;
  /** The strategy's open orders once the orders this step cancels first are gone. */
  openOrders?: number;
  /** Latest prices of a decision's symbols, keyed as the orders spell them (see checkOrdersInTurn). */
  latestPrices?: Record<string, number>;
  /** Positions keyed by positionSymbolOf (crypto: the base asset against USD); null when flat. */
  positions?: Record<string, BrokerPosition | null>;
}

/**
 * The RiskContext loader: gathers everything the risk rules look at, from the broker (account,
 * clock, asset, position, price) and from our records (open orders, the strategy's fills, today's
 * realised P/L, the last stop-loss, the user's limits), for one batch of orders.
 */
export async function loadRiskInput(broker: Broker, store: RiskStore, subject: RiskSubject, now: Date, known: KnownMarket = {}): Promise<RiskInput> {
  const symbol = subject.orders[0].symbol;
  const [account, clock, asset, position, latestPrice, history] = await Promise.all([
    known.account ?? broker.getAccount(),
    known.clock ?? broker.getClock(),
    known.asset ?? broker.getAsset(symbol),
    known.position !== undefined ? known.position : broker.getPosition(symbol),
    known.latestPrice ?? broker.getLatestPrice(symbol),
    store.loadHistory({ strategyId: subject.strategyId, userId: subject.userId, symbol, since: startOfTradingDay(now) }),
  ]);
  return {
    orders: subject.orders,
    now,
    latestPrice,
    account: { equity: account.equity, buyingPower: account.buyingPower, nonMarginableBuyingPower: account.nonMarginableBuyingPower },
    market: { isOpen: clock.isOpen, nextOpen: clock.nextOpen || null },
    asset: { assetClass: asset.assetClass, tradable: asset.tradable, shortable: asset.shortable },
    accountPositionQty: position?.qty ?? 0,
    strategyPosition: history.position,
    strategyCapital: strategyCapitalOf(subject.config),
    openOrders: known.openOrders ?? history.openOrders,
    realizedPnlToday: history.realizedPnlToday,
    lastStopLossAt: history.lastStopLossAt,
    limits: resolveRiskLimits({ strategy: pickRiskLimits(subject.config), user: history.userLimits, equity: account.equity }),
  };
}

/** allocated_capital, times leverage for the types that have it (a futures grid commits that much margin). */
function strategyCapitalOf(config: Record<string, unknown>): number | undefined {
  const capital = config.allocated_capital;
  if (typeof capital !== 'number' || !(capital > 0)) return undefined;
  const leverage = typeof config.leverage === 'number' && config.leverage >= 1 ? config.leverage : 1;
  return capital * leverage;
}
