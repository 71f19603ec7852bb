import { BadRequestException, ServiceUnavailableException } from '@nestjs/common';
import { BrokerAuthError, BrokerError, BrokerNotFoundError } from '../../../../../libs/broker/broker.errors';
import { CredentialsExpiredError, CredentialsNotFoundError } from '../../../../../libs/broker-accounts/credential-errors';

/** A 400 in the same shape as configuration errors: `message` is a list of sentences. */
export function gridStartRefused(reason: string): BadRequestException {
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: [reason] });
}

/**
 * Turns a failure to read the market for a grid's start check into the API's answer: what the
 * user can fix (no or expired connection, revoked keys, unknown symbol) is a 400; the broker being
 * down is a 503, since the same request may pass in a minute.
 */
export function gridStartCheckFailure(error: unknown, symbol: string): Error {
  if (error instanceof CredentialsNotFoundError) {
    return gridStartRefused(
      'no usable broker account: connect one (POST /api/accounts/alpaca) before creating or starting a grid strategy; ' +
        "its range and size are checked against that account's price and buying power",
    );
  }
  if (error instanceof CredentialsExpiredError) {
    return gridStartRefused('the broker connection has expired (Alpaca token expired): reconnect it before creating or starting a grid strategy');
  }
  if (error instanceof BrokerAuthError) {
    return gridStartRefused(`Alpaca rejected the stored credentials (${error.message}): reconnect the broker account before starting a grid strategy`);
  }
  if (error instanceof BrokerNotFoundError) {
    return gridStartRefused(`configuration.symbol ${symbol} has no asset or latest price at the broker (${error.message})`);
  }
  if (error instanceof BrokerError) {
    return new ServiceUnavailableException(
      `The broker is unavailable, so the grid cannot be checked against the market before it starts (${error.message}); nothing was saved, try again`,
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}
