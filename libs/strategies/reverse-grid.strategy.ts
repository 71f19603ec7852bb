import { gridStrategyDefinition } from './grid/grid-definition';
import { reverseGridConfigSchema, reverseGridLogic } from './grid/reverse-grid';

export const reverseGridStrategy = gridStrategyDefinition(
  'reverse_grid',
  'Grid that sells held inventory first on every level above the price and buys each sale back one level lower with all it raised, so profit accrues in units of the asset; acquire_inventory buys missing inventory at start.',
  reverseGridConfigSchema,
  reverseGridLogic,
);
