import type { OrderIntent } from '../contracts';
import type { EffectiveRiskLimits } from './risk-limits';

/** The asset being traded, as the broker describes it. */
export interface RiskAsset {
  assetClass: 'us_equity' | 'crypto';
  tradable: boolean;
  shortable: boolean;
}

/**
 * Everything a risk rule may look at, gathered by the caller before the orders go out. Rules are
 * pure functions of this input: they never query the broker or the database themselves.
 */
export interface RiskInput {
  /** The orders about to be sent together (a run's legs, a grid's opening orders); all share one symbol. */
  orders: readonly OrderIntent[];
  now: Date;
  /** USD per unit, the latest trade; values market and notional orders. */
  latestPrice: number;
  /** The broker account, USD. */
  account: { equity: number; buyingPower: number; nonMarginableBuyingPower: number };
  /** The equity market's clock (crypto trades around the clock). */
  market: { isOpen: boolean; nextOpen: string | null };
  asset: RiskAsset;
  /** Units the account holds in the symbol, all strategies and manual trades together; negative when short. */
  accountPositionQty: number;
  /**
   * What this strategy's own fills add up to: units (buys minus sells; negative when net short)
   * and USD put in (buy notional minus sell notional).
   */
  strategyPosition: { qty: number; netInvested: number };
  /** USD the strategy may commit (allocated_capital, times leverage where the type has it); undefined when it has none. */
  strategyCapital?: number;
  /** The strategy's orders the broker may still fill, not counting `orders`. */
  openOrders: number;
  /** USD realised since the start of the trading day (negative = loss), by this strategy and by all of the user's. */
  realizedPnlToday: { strategy: number; user: number };
  /** When a stop-loss exit last closed a position of this strategy. */
  lastStopLossAt: Date | null;
  limits: EffectiveRiskLimits;
}

export type RiskRuleName =
  | 'asset_not_tradable'
  | 'asset_not_shortable'
  | 'market_closed'
  | 'stop_loss_cooldown'
  | 'max_daily_loss'
  | 'max_open_orders'
  | 'max_order_notional'
  | 'max_position_pct'
  | 'allocated_capital'
  | 'insufficient_buying_power';

export interface RiskRejection {
  allow: false;
  rule: RiskRuleName;
  /** A sentence a user can read, with the numbers behind it. */
  reason: string;
  /** The numbers behind the reason, stored with the risk event. */
  details: Record<string, unknown>;
}

export type RiskVerdict = { allow: true } | RiskRejection;

/**
 * The extension point: one risk rule, in its own `<name>.rule.ts`. A rule looks at the orders
 * about to be sent and everything around them, and either lets them through or names what they
 * would break. It must be pure (no clock, no I/O) so it can be table-tested and replayed.
 */
export type RiskRule = (input: RiskInput) => RiskVerdict;

export const ALLOW: RiskVerdict = { allow: true };

export function reject(rule: RiskRuleName, reason: string, details: Record<string, unknown>): RiskRejection {
  return { allow: false, rule, reason, details };
}
