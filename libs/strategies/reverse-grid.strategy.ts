import { unsupportedStrategy } from './unsupported-strategy';

// Registered so it schedules and lists like the guide says; its decision rule lands in its own issue.
export const reverseGridStrategy = unsupportedStrategy(
  'reverse_grid',
  'Grid that sells first from held inventory and buys back lower.',
);
