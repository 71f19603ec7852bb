import { gridStrategyDefinition } from './grid/grid-definition';
import { futuresGridConfigSchema, futuresGridLogic } from './grid/futures-grid';

export const futuresGridStrategy = gridStrategyDefinition(
  'futures_grid',
  'Long, short or neutral grid with leverage (1-5x of allocated_capital): long buys below the price and sells one level up, short sells short above the price and buys back one level down, neutral does both around the start price. Equities only on the short side.',
  futuresGridConfigSchema,
  futuresGridLogic,
);
