import { z } from 'zod';
import { STRATEGY_TYPES, type StrategyType } from '../contracts';
import { arbitrageStrategy } from './arbitrage.strategy';
import { coveredCallsStrategy } from './covered-calls.strategy';
import { dcaStrategy } from './dca.strategy';
import { futuresGridStrategy } from './futures-grid.strategy';
import { infinityGridStrategy } from './infinity-grid.strategy';
import { ironCondorStrategy } from './iron-condor.strategy';
import { meanReversionStrategy } from './mean-reversion.strategy';
import { momentumBreakoutStrategy } from './momentum-breakout.strategy';
import { newsBasedTradingStrategy } from './news-based-trading.strategy';
import { pairsTradingStrategy } from './pairs-trading.strategy';
import { reverseGridStrategy } from './reverse-grid.strategy';
import { scalpingStrategy } from './scalping.strategy';
import { shortPutStrategy } from './short-put.strategy';
import { smartRebalanceStrategy } from './smart-rebalance.strategy';
import { spotGridStrategy } from './spot-grid.strategy';
import type { StrategyDefinition } from './strategy';
import { swingTradingStrategy } from './swing-trading.strategy';
import { wheelStrategy } from './wheel-strategy.strategy';

export { effectiveIntervalSeconds } from './strategy-schedule';

// A mapped type over every name in STRATEGY_TYPES: a missing entry, or one filed under another
// type's key, fails to compile.
type StrategyRegistry = { readonly [K in StrategyType]: StrategyDefinition<any, K> };

export const STRATEGY_REGISTRY: StrategyRegistry = {
  spot_grid: spotGridStrategy,
  futures_grid: futuresGridStrategy,
  infinity_grid: infinityGridStrategy,
  reverse_grid: reverseGridStrategy,
  dca: dcaStrategy,
  momentum_breakout: momentumBreakoutStrategy,
  news_based_trading: newsBasedTradingStrategy,
  mean_reversion: meanReversionStrategy,
  pairs_trading: pairsTradingStrategy,
  swing_trading: swingTradingStrategy,
  scalping: scalpingStrategy,
  arbitrage: arbitrageStrategy,
  covered_calls: coveredCallsStrategy,
  wheel_strategy: wheelStrategy,
  iron_condor: ironCondorStrategy,
  short_put: shortPutStrategy,
  smart_rebalance: smartRebalanceStrategy,
};

export function getStrategy<T extends StrategyType>(type: T): StrategyDefinition<any, T> {
  return STRATEGY_REGISTRY[type];
}

/** Types whose decision rule has landed, in STRATEGY_TYPES order. */
export function supportedStrategyTypes(): StrategyType[] {
  return STRATEGY_TYPES.filter((type) => STRATEGY_REGISTRY[type].supported);
}

/** One entry of `GET /api/strategies/types`. */
export interface StrategyTypeDescription {
  type: StrategyType;
  kind: 'interval' | 'grid';
  interval_seconds: number;
  supported: boolean;
  description: string;
  /** JSON Schema (draft 2020-12) of the configuration a user sends; defaulted fields are optional. */
  configuration_schema: Record<string, unknown>;
}

export function describeStrategyTypes(): StrategyTypeDescription[] {
  return STRATEGY_TYPES.map((type) => {
    const definition = STRATEGY_REGISTRY[type];
    return {
      type,
      kind: definition.kind,
      interval_seconds: definition.intervalSeconds,
      supported: definition.supported,
      description: definition.description,
      // 'input' describes what users send (defaults make fields optional); refinements across
      // fields cannot be expressed and are left to validation.
      configuration_schema: z.toJSONSchema(definition.configSchema, { io: 'input', unrepresentable: 'any' }) as Record<
        string,
        unknown
      >,
    };
  });
}
