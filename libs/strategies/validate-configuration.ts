import { isStrategyType, STRATEGY_TYPES, type StrategyType } from '../contracts';
import { describeIssue, fieldPath } from './config-issues';
import { getStrategy, supportedStrategyTypes } from './registry';

export type ConfigurationValidation =
  | { ok: true; type: StrategyType; config: Record<string, unknown> }
  | { ok: false; errors: string[] };

/**
 * Checks a strategy type and its configuration as a user sent them. On success `config` is the
 * parsed configuration with defaults applied (symbol upper-cased); on failure every error names
 * the field it is about, e.g. "configuration.amount_per_buy must be a number greater than 0".
 */
export function validateStrategyConfiguration(type: string, configuration: unknown): ConfigurationValidation {
  if (!isStrategyType(type)) {
    return { ok: false, errors: [`type ${JSON.stringify(type)} is not a valid strategy type; valid types: ${STRATEGY_TYPES.join(', ')}`] };
  }
  const definition = getStrategy(type);
  if (!definition.supported) {
    return {
      ok: false,
      errors: [`type "${type}" is not supported yet; supported types: ${supportedStrategyTypes().join(', ')}`],
    };
  }
  if (configuration === undefined || configuration === null) {
    return { ok: false, errors: ['configuration is required'] };
  }
  if (typeof configuration !== 'object' || Array.isArray(configuration)) {
    return { ok: false, errors: ['configuration must be an object'] };
  }
  const parsed = definition.configSchema.safeParse(configuration, { error: describeIssue });
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((issue) => `${fieldPath('configuration', issue.path)} ${issue.message}`) };
  }
  return { ok: true, type, config: parsed.data as Record<string, unknown> };
}
