import { gridStrategyDefinition } from './grid/grid-definition';
import { spotGridConfigSchema, spotGridLogic } from './grid/spot-grid';

export const spotGridStrategy = gridStrategyDefinition(
  'spot_grid',
  'Grid of buy and sell limit orders between lower_price and upper_price (arithmetic or geometric levels): buys rest on every level below the price; a filled buy places a sell one level up, a filled sell a buy one level down.',
  spotGridConfigSchema,
  spotGridLogic,
);
