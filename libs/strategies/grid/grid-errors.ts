/**
 * A grid whose parameters cannot produce a valid ladder (bounds out of order, too many levels for
 * the price tick). The name is stable: retry policies list it as non-retryable, since the same
 * parameters fail the same way every time.
 */
export class InvalidGridError extends Error {
  override readonly name = 'InvalidGridError';

  constructor(
    readonly field: string,
    readonly detail: string,
  ) {
    super(`${field} ${detail}`);
  }
}
