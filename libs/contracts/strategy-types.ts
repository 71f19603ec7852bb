/** Every strategy type name users can create, as the original system spelled them. */
export const STRATEGY_TYPES = [
  'spot_grid',
  'futures_grid',
  'infinity_grid',
  'reverse_grid',
  'dca',
  'momentum_breakout',
  'news_based_trading',
  'mean_reversion',
  'pairs_trading',
  'swing_trading',
  'scalping',
  'arbitrage',
  'covered_calls',
  'wheel_strategy',
  'iron_condor',
  'short_put',
  'smart_rebalance',
] as const;

export type StrategyType = (typeof STRATEGY_TYPES)[number];

export const GRID_STRATEGY_TYPES: readonly StrategyType[] = [
  'spot_grid',
  'futures_grid',
  'infinity_grid',
  'reverse_grid',
];

export function isStrategyType(value: unknown): value is StrategyType {
  return typeof value === 'string' && (STRATEGY_TYPES as readonly string[]).includes(value);
}

export function isGridStrategyType(type: StrategyType): boolean {
  return GRID_STRATEGY_TYPES.includes(type);
}
