import { z } from 'zod';
import { mustBe, positiveUsdField } from './config-fields';

function percentField(max: number, inclusive: boolean, description: string) {
  const bound = inclusive ? `at most ${max}` : `below ${max}`;
  const field = z.number({ error: mustBe(`a number greater than 0 and ${bound}`) }).positive();
  return (inclusive ? field.max(max) : field.lt(max)).optional().describe(description);
}

/**
 * The position-exit monitor's rules, optional in every strategy type: each type spreads this
 * shape into its schema. The monitor closes the account's whole position in the strategy's symbol
 * once one fires (see libs/exits).
 */
export const exitRuleFields = {
  take_profit_pct: percentField(1000, true, 'Close the position once the price is this percent beyond its average entry price (above it for a long, below for a short).'),
  stop_loss_pct: percentField(100, false, 'Close the position once the price is this percent against its average entry price (below it for a long, above for a short).'),
  trailing_stop_pct: percentField(
    100,
    false,
    'Close the position once the price falls this percent below the highest price since the position opened (rises above the lowest, for a short).',
  ),
  take_profit_price: positiveUsdField('Close the position once the price reaches this USD level (at or above for a long, at or below for a short).').optional(),
  stop_loss_price: positiveUsdField('Close the position once the price reaches this USD level (at or below for a long, at or above for a short).').optional(),
};
