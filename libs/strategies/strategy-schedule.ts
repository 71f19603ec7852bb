import { isGridStrategyType, type StrategyType } from '../contracts';

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Seconds between scheduled runs of each type, from the guide's table. Grid types are
 * signal-driven; their 24 h is the reconcile wake-up. Kept free of zod so workflow code can import
 * it directly (`libs/strategies/strategy-schedule`).
 */
export const STRATEGY_INTERVAL_SECONDS: Readonly<Record<StrategyType, number>> = {
  scalping: 30,
  arbitrage: 60,
  momentum_breakout: 5 * MINUTE,
  news_based_trading: 5 * MINUTE,
  mean_reversion: 30 * MINUTE,
  pairs_trading: 30 * MINUTE,
  swing_trading: 30 * MINUTE,
  covered_calls: HOUR,
  wheel_strategy: HOUR,
  iron_condor: HOUR,
  short_put: HOUR,
  dca: DAY,
  smart_rebalance: 7 * DAY,
  spot_grid: DAY,
  futures_grid: DAY,
  infinity_grid: DAY,
  reverse_grid: DAY,
};

export type StrategyKind = 'interval' | 'grid';

export function strategyKind(type: StrategyType): StrategyKind {
  return isGridStrategyType(type) ? 'grid' : 'interval';
}

/** Shortest interval we schedule, whatever a configuration says (seconds). */
export const MIN_INTERVAL_SECONDS = 1;

/**
 * The interval a strategy actually runs on: `configuration.interval_seconds` when it is a number,
 * else the type's interval from the table; never below one second. Takes the stored configuration
 * as it is (unknown) so callers need not parse it first.
 */
export function effectiveIntervalSeconds(type: StrategyType, configuration: unknown): number {
  const override =
    typeof configuration === 'object' && configuration !== null
      ? (configuration as Record<string, unknown>).interval_seconds
      : undefined;
  if (typeof override === 'number' && Number.isFinite(override)) {
    return Math.max(MIN_INTERVAL_SECONDS, Math.floor(override));
  }
  return STRATEGY_INTERVAL_SECONDS[type];
}
