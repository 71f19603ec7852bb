import { unsupportedStrategy } from './unsupported-strategy';

// Registered so it schedules and lists like the guide says; its decision rule lands in its own issue.
export const newsBasedTradingStrategy = unsupportedStrategy(
  'news_based_trading',
  'Scores headlines from the news endpoint since the last run and acts on strongly positive or negative scores.',
);
