import { gridStrategyDefinition } from './grid/grid-definition';
import { infinityGridConfigSchema, infinityGridLogic } from './grid/infinity-grid';

export const infinityGridStrategy = gridStrategyDefinition(
  'infinity_grid',
  'Grid with geometric levels step_pct apart from lower_price up, without an upper bound: it keeps a holding worth allocated_capital (buying it at start if needed) and after every fill sells a little one level up and buys one level down.',
  infinityGridConfigSchema,
  infinityGridLogic,
);
