/** Custom search attributes registered on the Temporal namespace (see scripts/temporal-dev-server.ts). */
export const SEARCH_ATTRIBUTES = {
  StrategyId: 'Keyword',
  StrategyType: 'Keyword',
  UserId: 'Keyword',
  NextRunTime: 'Datetime',
} as const;

export type SearchAttributeName = keyof typeof SEARCH_ATTRIBUTES;
