import { unsupportedStrategy } from './unsupported-strategy';

// Registered so it schedules and lists like the guide says; its decision rule lands in its own issue.
export const shortPutStrategy = unsupportedStrategy(
  'short_put',
  'Sells cash-secured puts chosen by delta and days to expiry and closes them at a profit target.',
);
