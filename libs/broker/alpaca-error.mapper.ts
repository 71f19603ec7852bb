import { ApiError, FetchError } from '@alpacahq/alpaca-trade-api';
import {
  BrokerAuthError,
  BrokerError,
  BrokerNotFoundError,
  BrokerUnavailableError,
  InsufficientBuyingPowerError,
  OrderRejectedError,
} from './broker.errors';

// Alpaca's 403s for orders that the account cannot afford or cover:
// "insufficient buying power", "insufficient qty available for order (...)", "insufficient balance".
const INSUFFICIENT = /insufficient (buying power|qty|balance|day trading buying power)/i;

/**
 * Translates SDK failures into the port's BrokerError classes. Messages are the broker's own
 * reason (never a request URL or header), so they are safe to store and show to the user.
 */
export function toBrokerError(error: unknown): Error {
  if (error instanceof BrokerError) return error;
  if (error instanceof ApiError) return fromStatus(error.status, error.message);
  if (isTransportFailure(error)) return new BrokerUnavailableError(transportReason(error));
  return error instanceof Error ? error : new BrokerError(String(error));
}

export function fromStatus(status: number, message: string): BrokerError {
  if (status === 401) return new BrokerAuthError(message, status);
  if (status === 403) {
    return INSUFFICIENT.test(message) ? new InsufficientBuyingPowerError(message, status) : new BrokerAuthError(message, status);
  }
  if (status === 400 || status === 422) return new OrderRejectedError(message, status);
  if (status === 404) return new BrokerNotFoundError(message, status);
  if (status === 408 || status === 429 || status >= 500) return new BrokerUnavailableError(message, status);
  return new BrokerError(message, status);
}

interface ErrorLike {
  name?: string;
  message?: string;
  code?: string;
  cause?: unknown;
}

// The SDK wraps fetch failures in FetchError, but only when they are `instanceof Error` of its
// own realm: under a VM sandbox (jest) Node's fetch TypeError passes through unwrapped. So
// transport failures are recognised by shape, not by class alone.
function isTransportFailure(error: unknown): boolean {
  if (error instanceof FetchError) return true;
  const { name, message } = (error ?? {}) as ErrorLike;
  return (name === 'TypeError' && message === 'fetch failed') || name === 'AbortError' || name === 'TimeoutError';
}

function transportReason(error: unknown): string {
  const chain: ErrorLike[] = [];
  for (let link = error as ErrorLike | undefined; link && chain.length < 5; link = link.cause as ErrorLike | undefined) {
    chain.push(link);
  }
  // Across realms the SDK may re-wrap its TimeoutError as an AbortError whose message keeps it.
  if (chain.some((link) => link.name === 'TimeoutError' || /timed out|TimeoutError/i.test(link.message ?? ''))) {
    return 'broker request timed out';
  }
  if (chain.some((link) => link.name === 'AbortError')) return 'broker request was aborted';
  const detail = chain.map((link) => link.code).find(Boolean) ?? chain[chain.length - 1]?.message ?? 'network error';
  return `broker unreachable: ${detail}`;
}

/** Runs an SDK call and rethrows its failure as a BrokerError. */
export async function brokerCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toBrokerError(error);
  }
}

/** Like brokerCall, but a 404 answers undefined (lookups of things that may not exist). */
export async function brokerLookup<T>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    const mapped = toBrokerError(error);
    if (mapped instanceof BrokerNotFoundError) return undefined;
    throw mapped;
  }
}
