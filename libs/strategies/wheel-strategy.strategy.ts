import { unsupportedStrategy } from './unsupported-strategy';

// Registered so it schedules and lists like the guide says; its decision rule lands in its own issue.
export const wheelStrategy = unsupportedStrategy(
  'wheel_strategy',
  'Sells cash-secured puts, takes assignment, then sells covered calls until the shares are called away.',
);
