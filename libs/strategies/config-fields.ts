import { z } from 'zod';

/**
 * A field's error message: "is required" when the field is missing, else "must be <requirement>".
 * Validation prefixes the field path, giving e.g. "configuration.amount_per_buy must be a number
 * greater than 0".
 */
export function mustBe(requirement: string): (issue: { input?: unknown }) => string {
  return (issue) => (issue.input === undefined ? 'is required' : `must be ${requirement}`);
}

// Equity tickers (with an optional share class, BRK.B) or Alpaca's crypto pairs (BTC/USD).
const SYMBOL_PATTERN = /^(?:[A-Z]{1,10}(?:\.[A-Z]{1,2})?|[A-Z0-9]{2,10}\/[A-Z]{2,5})$/;

// A year: anything longer is almost certainly milliseconds typed as seconds.
const MAX_INTERVAL_SECONDS = 365 * 24 * 60 * 60;

export const symbolField = z
  .string({ error: mustBe('a ticker like AAPL or a crypto pair like BTC/USD') })
  .trim()
  .toUpperCase()
  .regex(SYMBOL_PATTERN)
  .describe('Ticker (AAPL) or crypto pair (BTC/USD); normalized to upper case.');

export function positiveUsdField(description: string) {
  return z.number({ error: mustBe('a number greater than 0') }).positive().describe(description);
}

export function wholeNumberField(min: number, max: number, description: string) {
  return z
    .int({ error: mustBe(`a whole number from ${min} to ${max}`) })
    .min(min)
    .max(max)
    .describe(description);
}

export const intervalSecondsField = wholeNumberField(
  1,
  MAX_INTERVAL_SECONDS,
  "Seconds between runs; overrides the type's default interval.",
).optional();

/** Fields every interval strategy accepts; each type spreads these into its own object schema. */
export const commonConfigShape = {
  symbol: symbolField,
  allocated_capital: positiveUsdField('USD the strategy may spend in total.'),
  interval_seconds: intervalSecondsField,
};
