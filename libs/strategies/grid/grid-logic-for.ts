import type { StrategyType } from '../../contracts';
import { futuresGridLogic } from './futures-grid';
import type { GridLogic } from './grid-logic';
import { infinityGridLogic } from './infinity-grid';
import { reverseGridLogic } from './reverse-grid';
import { spotGridLogic } from './spot-grid';

// Kept apart from the strategy registry so the grid activities can reach the logic without
// loading every strategy type (and without an import cycle through the registry).
const GRID_LOGIC: Partial<Record<StrategyType, GridLogic>> = {
  spot_grid: spotGridLogic,
  infinity_grid: infinityGridLogic,
  reverse_grid: reverseGridLogic,
  futures_grid: futuresGridLogic,
};

/** The grid logic of a grid type; undefined for interval types. */
export function gridLogicFor(type: StrategyType): GridLogic | undefined {
  return GRID_LOGIC[type];
}
