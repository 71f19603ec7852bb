import { unsupportedStrategy } from './unsupported-strategy';

// Registered so it schedules and lists like the guide says; its decision rule lands in its own issue.
export const arbitrageStrategy = unsupportedStrategy(
  'arbitrage',
  'Acts when two quoted prices of the same asset (or a triangle of crypto pairs) diverge by more than fees plus a threshold.',
);
