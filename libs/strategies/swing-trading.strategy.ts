import { unsupportedStrategy } from './unsupported-strategy';

// Registered so it schedules and lists like the guide says; its decision rule lands in its own issue.
export const swingTradingStrategy = unsupportedStrategy(
  'swing_trading',
  'Trades fast/slow moving-average crosses confirmed by RSI.',
);
