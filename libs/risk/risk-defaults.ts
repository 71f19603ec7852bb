/**
 * What the risk rules allow when neither the user (PATCH /api/users/me/risk-limits) nor the
 * strategy (its configuration) says otherwise. They are guard rails against runaway code and
 * fat fingers, not an opinion on how to trade: each can be raised by the user.
 */
export const DEFAULT_RISK_LIMITS = {
  /**
   * USD, one order. A fat-finger stop: on Alpaca's $100,000 paper account it is a quarter of the
   * account, above anything the README's examples send, so it only bites on a misplaced zero.
   */
  max_order_notional: 25_000,
  /**
   * Percent of the account's equity one symbol may be worth after the order. A quarter is the
   * usual ceiling for a single holding in a diversified account, and stays well inside the
   * margin account's 2x buying power, so no single symbol can put the account on margin call.
   */
  max_position_pct: 25,
  /**
   * Orders one strategy may have open at the broker. The largest grid keeps one order per level
   * (200 levels, MAX_GRID_COUNT), so only a strategy that runs away reaches this.
   */
  max_open_orders: 200,
  /**
   * Minutes after a stop-loss exit in which the strategy may not open again: an hour lets the
   * move that stopped it out settle instead of buying straight back into it.
   */
  stop_loss_cooldown_minutes: 60,
} as const;

/**
 * When the user sets no max_daily_loss (USD), their strategies stop opening positions for the
 * rest of the trading day once they have realised a loss of this percent of the account's
 * equity: a bad day stays a bad day, not a lost account.
 */
export const DEFAULT_MAX_DAILY_LOSS_PCT_OF_EQUITY = 5;
