import { unsupportedStrategy } from './unsupported-strategy';

// Registered so it schedules and lists like the guide says; its decision rule lands in its own issue.
export const ironCondorStrategy = unsupportedStrategy(
  'iron_condor',
  'Sells an out-of-the-money put spread and call spread chosen by delta and days to expiry; closes at a profit target.',
);
