import { DEFAULT_MAX_DAILY_LOSS_PCT_OF_EQUITY, DEFAULT_RISK_LIMITS } from './risk-defaults';

/** The limits a user (users.risk_limits) or a strategy (its configuration) may set; names as in the API. */
export const RISK_LIMIT_FIELDS = ['max_order_notional', 'max_position_pct', 'max_open_orders', 'max_daily_loss', 'stop_loss_cooldown_minutes'] as const;
export type RiskLimitField = (typeof RISK_LIMIT_FIELDS)[number];

/** Limits as set, each optional: what is not set falls back to the user's limit, then the default. */
export type RiskLimitSettings = Partial<Record<RiskLimitField, number>>;

/** What each limit may be set to, shared by the strategy configuration schema and the user's PATCH. */
export const RISK_LIMIT_BOUNDS: Record<RiskLimitField, { min: number; max: number; exclusiveMin: boolean; integer: boolean; description: string }> = {
  max_order_notional: { min: 0, max: 1e9, exclusiveMin: true, integer: false, description: 'USD: the largest single order.' },
  // Alpaca's margin accounts reach 4x equity intraday; beyond that the limit means nothing.
  max_position_pct: { min: 0, max: 400, exclusiveMin: true, integer: false, description: "Percent of the account's equity one symbol may be worth after an order." },
  max_open_orders: { min: 1, max: 10_000, exclusiveMin: false, integer: true, description: 'Orders the strategy may have open at the broker at once.' },
  max_daily_loss: { min: 0, max: 1e9, exclusiveMin: true, integer: false, description: 'USD realised loss in a trading day after which no new position is opened until the next day.' },
  stop_loss_cooldown_minutes: { min: 0, max: 7 * 24 * 60, exclusiveMin: false, integer: true, description: 'Minutes after a stop-loss exit in which the strategy opens nothing (0: no cooldown).' },
};

/** "a whole number from 1 to 10000": what a field's value must be, for error messages. */
export function limitRequirement(field: RiskLimitField): string {
  const { min, max, exclusiveMin, integer } = RISK_LIMIT_BOUNDS[field];
  const kind = integer ? 'a whole number' : 'a number';
  return exclusiveMin ? `${kind} greater than ${min} and at most ${max}` : `${kind} from ${min} to ${max}`;
}

export function isValidLimit(field: RiskLimitField, value: unknown): value is number {
  const { min, max, exclusiveMin, integer } = RISK_LIMIT_BOUNDS[field];
  if (typeof value !== 'number' || !Number.isFinite(value) || (integer && !Number.isInteger(value))) return false;
  return (exclusiveMin ? value > min : value >= min) && value <= max;
}

export type LimitSource = 'strategy' | 'user' | 'default';

export interface EffectiveLimit {
  value: number;
  /** Who set the limit in force, so a rejection can say where to change it. */
  source: LimitSource;
}

/** The limits in force for one strategy's orders. */
export interface EffectiveRiskLimits {
  max_order_notional: EffectiveLimit;
  max_position_pct: EffectiveLimit;
  max_open_orders: EffectiveLimit;
  stop_loss_cooldown_minutes: EffectiveLimit;
  /** USD, the strategy's own loss limit; only when its configuration sets one. */
  max_daily_loss_strategy?: EffectiveLimit;
  /** USD, the loss limit across all of the user's strategies. */
  max_daily_loss_user: EffectiveLimit;
}

/** The known limit fields of a JSON object (a configuration, users.risk_limits), finite numbers only. */
export function pickRiskLimits(source: Record<string, unknown> | null | undefined): RiskLimitSettings {
  const picked: RiskLimitSettings = {};
  for (const field of RISK_LIMIT_FIELDS) {
    const value = source?.[field];
    if (typeof value === 'number' && Number.isFinite(value)) picked[field] = value;
  }
  return picked;
}

/**
 * The user's limits are the account-wide ceiling (their own, or the defaults) and a strategy's
 * configuration can only tighten them, never loosen: the stricter of the two is in force. For a
 * cooldown, stricter means longer.
 */
export function resolveRiskLimits(settings: { strategy: RiskLimitSettings; user: RiskLimitSettings; equity: number }): EffectiveRiskLimits {
  const { strategy, user } = settings;
  const ceiling = (field: Exclude<RiskLimitField, 'max_daily_loss'>): EffectiveLimit =>
    user[field] !== undefined ? { value: user[field]!, source: 'user' } : { value: DEFAULT_RISK_LIMITS[field], source: 'default' };
  const tighter = (field: Exclude<RiskLimitField, 'max_daily_loss'>, stricter: (a: number, b: number) => boolean): EffectiveLimit => {
    const account = ceiling(field);
    const own = strategy[field];
    return own !== undefined && stricter(own, account.value) ? { value: own, source: 'strategy' } : account;
  };
  const lower = (a: number, b: number) => a < b;
  const userLoss: EffectiveLimit =
    user.max_daily_loss !== undefined
      ? { value: user.max_daily_loss, source: 'user' }
      : { value: (Math.max(settings.equity, 0) * DEFAULT_MAX_DAILY_LOSS_PCT_OF_EQUITY) / 100, source: 'default' };
  return {
    max_order_notional: tighter('max_order_notional', lower),
    max_position_pct: tighter('max_position_pct', lower),
    max_open_orders: tighter('max_open_orders', lower),
    stop_loss_cooldown_minutes: tighter('stop_loss_cooldown_minutes', (a, b) => a > b),
    ...(strategy.max_daily_loss !== undefined ? { max_daily_loss_strategy: { value: strategy.max_daily_loss, source: 'strategy' as const } } : {}),
    max_daily_loss_user: userLoss,
  };
}

/** Whose limit it is, for a reason ("your max_order_notional"): it tells the user where to change it. */
export function whoseLimit(source: LimitSource): string {
  if (source === 'strategy') return "the strategy's";
  if (source === 'user') return 'your';
  return 'the default';
}
