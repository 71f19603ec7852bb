/**
 * The client_order_id of a strategy's exit number `seq`: deterministic, so the order of a
 * recorded exit can be looked up (and is never sent twice) after a crash or a broker timeout; the
 * number grows with each exit of the strategy, so no two exits share one. `ax-` never collides
 * with runs (`ap-`) or grid orders (`ag-`), whose cancellation by prefix leaves it alone. 36
 * characters plus the digits, under Alpaca's older 48-character cap.
 */
export function exitClientOrderId(strategyId: string, seq: number): string {
  if (!Number.isInteger(seq) || seq < 1) throw new RangeError(`exit number must be a whole number >= 1, got ${seq}`);
  return `ax-${strategyId.replace(/-/g, '')}-${seq}`;
}
