import { unsupportedStrategy } from './unsupported-strategy';

// Registered so it schedules and lists like the guide says; its decision rule lands in its own issue.
export const scalpingStrategy = unsupportedStrategy(
  'scalping',
  'Short-horizon EMA cross with a tight take-profit and stop-loss.',
);
