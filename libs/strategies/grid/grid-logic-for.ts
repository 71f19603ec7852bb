import type { StrategyType } from '../../contracts';
import { getStrategy } from '../registry';
import type { GridLogic } from './grid-logic';

/** The grid logic of a grid type (its registry entry's `grid`); undefined for interval types. */
export function gridLogicFor(type: StrategyType): GridLogic | undefined {
  return getStrategy(type).grid;
}
