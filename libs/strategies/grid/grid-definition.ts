import type { z } from 'zod';
import type { StrategyType } from '../../contracts';
import type { StrategyDefinition } from '../strategy';
import { STRATEGY_INTERVAL_SECONDS } from '../strategy-schedule';
import type { GridLogic } from './grid-logic';

/**
 * A grid type's registry entry. Grids act on order fills through `grid`; their scheduled wake-up
 * only reconciles open orders, so the interval decision rule always holds.
 */
export function gridStrategyDefinition<C extends { symbol: string }, T extends StrategyType>(
  type: T,
  description: string,
  configSchema: z.ZodType<C>,
  grid: GridLogic<C>,
): StrategyDefinition<C, T> {
  return {
    type,
    kind: 'grid',
    intervalSeconds: STRATEGY_INTERVAL_SECONDS[type],
    supported: true,
    description,
    configSchema,
    grid,
    marketData: (config) => ({ symbol: config.symbol, timeframe: '1Day', limit: 1 }),
    decide: ({ state }) => ({
      action: 'hold',
      reason: 'HOLD - grid strategies act on order fills, not on a schedule',
      orders: [],
      nextState: state,
    }),
  };
}
