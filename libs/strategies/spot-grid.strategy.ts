import { unsupportedStrategy } from './unsupported-strategy';

// Registered so it schedules and lists like the guide says; its decision rule lands in its own issue.
export const spotGridStrategy = unsupportedStrategy(
  'spot_grid',
  'Grid of buy and sell limit orders between a lower and an upper price (arithmetic or geometric levels); a filled buy places a sell one level up, a filled sell a buy one level down.',
);
