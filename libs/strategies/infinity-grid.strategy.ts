import { unsupportedStrategy } from './unsupported-strategy';

// Registered so it schedules and lists like the guide says; its decision rule lands in its own issue.
export const infinityGridStrategy = unsupportedStrategy(
  'infinity_grid',
  'Grid with geometric levels and no upper bound, selling a little on every rise.',
);
