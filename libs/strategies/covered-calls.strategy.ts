import { unsupportedStrategy } from './unsupported-strategy';

// Registered so it schedules and lists like the guide says; its decision rule lands in its own issue.
export const coveredCallsStrategy = unsupportedStrategy(
  'covered_calls',
  'Sells call options against held shares, chosen by delta and days to expiry, and closes them at a profit target.',
);
