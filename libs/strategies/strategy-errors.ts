import type { StrategyType } from '../contracts';

/**
 * Thrown by a registered type whose decision rule has not landed yet. The name is stable: retry
 * policies list it as non-retryable, since running the same code again cannot succeed.
 */
export class StrategyNotSupportedError extends Error {
  override readonly name = 'StrategyNotSupportedError';

  constructor(readonly strategyType: StrategyType) {
    super(`strategy type "${strategyType}" is not supported yet`);
  }
}
