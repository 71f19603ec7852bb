import { z } from 'zod';
import type { StrategyType } from '../contracts';
import { commonConfigShape } from './config-fields';
import { exitRuleFields } from './exit-rule-fields';
import { riskLimitFields } from './risk-limit-fields';
import type { StrategyDefinition } from './strategy';
import { StrategyNotSupportedError } from './strategy-errors';
import { STRATEGY_INTERVAL_SECONDS, strategyKind } from './strategy-schedule';

// Until a type's issue lands its fields are unknown: accept the common ones (all optional, since
// basket and pair types have no single symbol) and keep everything else as given.
const permissiveConfigSchema = z.looseObject({
  symbol: commonConfigShape.symbol.optional(),
  allocated_capital: commonConfigShape.allocated_capital.optional(),
  interval_seconds: commonConfigShape.interval_seconds,
  ...exitRuleFields,
  ...riskLimitFields,
});

export type UnsupportedConfig = z.infer<typeof permissiveConfigSchema>;

/**
 * A registry entry for a type whose decision rule has not landed yet: it schedules like the guide
 * says but refuses to decide, so nothing ever trades on a rule we have not written.
 */
export function unsupportedStrategy<T extends StrategyType>(
  type: T,
  description: string,
): StrategyDefinition<UnsupportedConfig, T> {
  return {
    type,
    kind: strategyKind(type),
    intervalSeconds: STRATEGY_INTERVAL_SECONDS[type],
    supported: false,
    description,
    configSchema: permissiveConfigSchema,
    marketData: () => {
      throw new StrategyNotSupportedError(type);
    },
    decide: () => {
      throw new StrategyNotSupportedError(type);
    },
  };
}
