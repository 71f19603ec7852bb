/** Domain errors of strategy execution; their names are listed in libs/contracts/error-types.ts. */
export class StrategyNotFoundError extends Error {
  override readonly name = 'StrategyNotFoundError';
}

export class StrategyInactiveError extends Error {
  override readonly name = 'StrategyInactiveError';
}

export class InvalidConfigurationError extends Error {
  override readonly name = 'InvalidConfigurationError';
}
