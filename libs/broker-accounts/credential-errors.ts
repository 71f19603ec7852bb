/**
 * Why a user's broker credentials cannot be used. Their names are in libs/contracts/error-types.ts
 * (non-retryable): a retry cannot conjure credentials, only the user reconnecting can.
 */
export class CredentialsNotFoundError extends Error {
  override readonly name = 'CredentialsNotFoundError';

  constructor(message = 'Alpaca credentials not found') {
    super(message);
  }
}

export class CredentialsExpiredError extends Error {
  override readonly name = 'CredentialsExpiredError';

  constructor(message = 'Alpaca token expired') {
    super(message);
  }
}
