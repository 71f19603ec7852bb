/**
 * Broker failures, named so Temporal retry policies can list the ones not worth retrying
 * (their class names are in NON_RETRYABLE_EXECUTION_ERRORS, libs/contracts/error-types.ts).
 */
export class BrokerError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly retryable = false,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** 401/403 on credentials: the key pair or token is wrong or revoked. */
export class BrokerAuthError extends BrokerError {}

/** 403 insufficient buying power (or shares to sell). */
export class InsufficientBuyingPowerError extends BrokerError {}

/** 422 or 400: the broker refused the order as invalid (including a reused client_order_id). */
export class OrderRejectedError extends BrokerError {}

/** 404 on a specific resource. */
export class BrokerNotFoundError extends BrokerError {}

/** 429, 5xx, timeouts, connection refused: worth retrying with backoff. */
export class BrokerUnavailableError extends BrokerError {
  constructor(message: string, status?: number) {
    super(message, status, true);
  }
}

