/**
 * Names of domain errors thrown by execution activities. A retry cannot fix them, so they go
 * into the activities' nonRetryableErrorTypes; the names must match the error classes' `name`.
 */
export const NON_RETRYABLE_EXECUTION_ERRORS = [
  'CredentialsNotFoundError',
  'CredentialsExpiredError',
  'StrategyNotFoundError',
  'StrategyInactiveError',
  'InvalidConfigurationError',
  'StrategyNotSupportedError',
  'BrokerAuthError',
  'InsufficientBuyingPowerError',
  'OrderRejectedError',
  'BrokerNotFoundError',
] as const;

/** Errors that mean the strategy must no longer run: its workflow ends instead of sleeping again. */
export const STRATEGY_GONE_ERRORS = ['StrategyNotFoundError', 'StrategyInactiveError'] as const;
