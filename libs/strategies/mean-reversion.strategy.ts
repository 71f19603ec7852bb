import { unsupportedStrategy } from './unsupported-strategy';

// Registered so it schedules and lists like the guide says; its decision rule lands in its own issue.
export const meanReversionStrategy = unsupportedStrategy(
  'mean_reversion',
  "Buys when the price's z-score against its N-bar mean falls below -entry and sells when it reverts to the exit level.",
);
