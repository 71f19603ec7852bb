import { DEFAULT_MAX_DAILY_LOSS_PCT_OF_EQUITY, DEFAULT_RISK_LIMITS } from '../../../../libs/risk/risk-defaults';
import { RISK_LIMIT_FIELDS, type RiskLimitField, type RiskLimitSettings } from '../../../../libs/risk/risk-limits';

/** The answer of GET/PATCH /api/users/me/risk-limits. */
export interface RiskLimitsView {
  /** Limits in force, each the user's own or the default. */
  max_order_notional: number;
  max_position_pct: number;
  max_open_orders: number;
  /** USD; null while the default is in force, which is a percent of equity at the time of the order. */
  max_daily_loss: number | null;
  /** The default daily loss limit in percent of equity; null once max_daily_loss is set. */
  max_daily_loss_pct_of_equity: number | null;
  stop_loss_cooldown_minutes: number;
  sources: Record<RiskLimitField, 'user' | 'default'>;
  defaults: typeof DEFAULT_RISK_LIMITS & { max_daily_loss_pct_of_equity: number };
}

export function riskLimitsView(own: RiskLimitSettings): RiskLimitsView {
  const sources = Object.fromEntries(RISK_LIMIT_FIELDS.map((field) => [field, own[field] === undefined ? 'default' : 'user'])) as RiskLimitsView['sources'];
  return {
    max_order_notional: own.max_order_notional ?? DEFAULT_RISK_LIMITS.max_order_notional,
    max_position_pct: own.max_position_pct ?? DEFAULT_RISK_LIMITS.max_position_pct,
    max_open_orders: own.max_open_orders ?? DEFAULT_RISK_LIMITS.max_open_orders,
    max_daily_loss: own.max_daily_loss ?? null,
    max_daily_loss_pct_of_equity: own.max_daily_loss === undefined ? DEFAULT_MAX_DAILY_LOSS_PCT_OF_EQUITY : null,
    stop_loss_cooldown_minutes: own.stop_loss_cooldown_minutes ?? DEFAULT_RISK_LIMITS.stop_loss_cooldown_minutes,
    sources,
    defaults: { ...DEFAULT_RISK_LIMITS, max_daily_loss_pct_of_equity: DEFAULT_MAX_DAILY_LOSS_PCT_OF_EQUITY },
  };
}
