import type { RiskLimitSettings } from '../../../libs/risk/risk-limits';

/** The strategy's and the user's side of a risk check, read from our own records. */
export interface RiskHistory {
  /** The strategy's orders the broker may still fill (bot_orders not in a final status). */
  openOrders: number;
  /** What the strategy's own fills in the symbol add up to (trades): units and USD put in. */
  position: { qty: number; netInvested: number };
  /** USD realised (trades.realized_pnl) since the start of the trading day. */
  realizedPnlToday: { strategy: number; user: number };
  /** The strategy's latest stop-loss exit (exit_events). */
  lastStopLossAt: Date | null;
  /** users.risk_limits. */
  userLimits: RiskLimitSettings;
}

/** One rejection, as stored in bot_risk_events. */
export interface RiskEventRow {
  /** Derived from what was rejected (run, set-up, order), so a retried check writes the same row once. */
  id: string;
  userId: string;
  strategyId: string;
  rule: string;
  reason: string;
  details: Record<string, unknown>;
}

/** The records the risk check reads and writes, behind a port so activity tests need no database. */
export interface RiskStore {
  loadHistory(query: { strategyId: string; userId: string; symbol: string; since: Date }): Promise<RiskHistory>;
  /** The rejection recorded under this id, if any: a retried grid step replays it instead of checking again. */
  findRiskEvent(id: string): Promise<RiskEventRow | undefined>;
  /** Inserts the event unless one with its id exists; true when this call inserted it. */
  recordRiskEvent(event: RiskEventRow): Promise<boolean>;
}
