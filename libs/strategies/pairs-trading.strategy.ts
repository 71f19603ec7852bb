import { unsupportedStrategy } from './unsupported-strategy';

// Registered so it schedules and lists like the guide says; its decision rule lands in its own issue.
export const pairsTradingStrategy = unsupportedStrategy(
  'pairs_trading',
  "Trades the z-score of two assets' spread, with the hedge ratio fitted by least squares over a lookback.",
);
