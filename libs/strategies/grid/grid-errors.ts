/**
 * A grid whose parameters cannot produce a valid ladder (bounds out of order, too many levels for
 * the price tick). The ladder grids' configuration schemas make the same checks
 * (refineLadderConfig), so a configuration that passed validation never throws it.
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
