/** Rounds half away from zero to `decimals` places without binary artefacts (0.1 + 0.2). */
export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const scaled = Math.abs(value) * factor;
  // Already on the grid (whole shares, cents): nothing to round, and toPrecision is slow.
  if (Number.isInteger(scaled)) return value;
  // toPrecision(15) drops the representation error first: 1.005 * 100 is 100.49999999999999.
  const rounded = Math.round(Number(scaled.toPrecision(15))) / factor;
  return value < 0 && rounded !== 0 ? -rounded : rounded;
}

/** Alpaca sends amounts as decimal strings without trailing zeros ("100000", "0.5"). */
export function formatDecimal(value: number, maxDecimals = 9): string {
  const fixed = roundTo(value, maxDecimals).toFixed(maxDecimals);
  const trimmed = fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
  return trimmed === '-0' ? '0' : trimmed;
}

/** Significant decimal places of a decimal string ("100.50" has 1). */
export function decimalPlaces(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.slice(dot + 1).replace(/0+$/, '').length;
}

/** Quantities are kept to Alpaca's 9 decimal places; cash to whole cents. */
export const roundQty = (qty: number): number => roundTo(qty, 9);
export const roundCash = (usd: number): number => roundTo(usd, 2);
