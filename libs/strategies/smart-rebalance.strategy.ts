import { unsupportedStrategy } from './unsupported-strategy';

// Registered so it schedules and lists like the guide says; its decision rule lands in its own issue.
export const smartRebalanceStrategy = unsupportedStrategy(
  'smart_rebalance',
  'Moves a basket back to its target weights when drift exceeds a threshold.',
);
