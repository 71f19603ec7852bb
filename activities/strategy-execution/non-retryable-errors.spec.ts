import { NON_RETRYABLE_EXECUTION_ERRORS, STRATEGY_GONE_ERRORS } from '../../libs/contracts/error-types';
import {
  BrokerAuthError,
  BrokerNotFoundError,
  BrokerUnavailableError,
  InsufficientBuyingPowerError,
  OrderRejectedError,
} from '../../libs/broker/broker.errors';
import { CredentialsExpiredError, CredentialsNotFoundError } from '../../libs/broker-accounts/credential-errors';
import { StrategyNotSupportedError } from '../../libs/strategies/strategy-errors';
import { InvalidConfigurationError, StrategyInactiveError, StrategyNotFoundError } from './execution.errors';

// The workflow's retry policy names errors by string (workflow code cannot import the classes):
// a renamed class would silently become retryable, so the names are checked against the classes.
describe('non-retryable execution errors', () => {
  it.each([
    new CredentialsNotFoundError(),
    new CredentialsExpiredError(),
    new StrategyNotFoundError('x'),
    new StrategyInactiveError('x'),
    new InvalidConfigurationError('x'),
    new StrategyNotSupportedError('wheel_strategy'),
    new BrokerAuthError('x'),
    new InsufficientBuyingPowerError('x'),
    new OrderRejectedError('x'),
    new BrokerNotFoundError('x'),
  ])('%s is not retried', (error) => {
    expect(NON_RETRYABLE_EXECUTION_ERRORS).toContain(error.name);
  });

  it('retries a broker outage', () => {
    expect(NON_RETRYABLE_EXECUTION_ERRORS).not.toContain(new BrokerUnavailableError('x').name);
  });

  it('ends the workflow only for a strategy that is gone or inactive', () => {
    expect([...STRATEGY_GONE_ERRORS].sort()).toEqual([new StrategyInactiveError('x').name, new StrategyNotFoundError('x').name].sort());
  });
});
