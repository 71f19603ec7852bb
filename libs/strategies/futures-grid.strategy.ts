import { unsupportedStrategy } from './unsupported-strategy';

// Registered so it schedules and lists like the guide says; its decision rule lands in its own issue.
export const futuresGridStrategy = unsupportedStrategy(
  'futures_grid',
  'Long, short or neutral grid with leverage, using short selling for the short side.',
);
