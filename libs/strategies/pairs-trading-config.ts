import { z } from 'zod';
import { intervalSecondsField, mustBe, positiveUsdField, symbolField, wholeNumberField } from './config-fields';
import { isCryptoSymbol } from './order-sizing';
import { positionSizePctField } from './position-size-field';
import { riskLimitFields } from './risk-limit-fields';
import { TIMEFRAMES } from './strategy';

// One leg of every pair trade is a short sale, and Alpaca does not allow shorting crypto.
const NOT_CRYPTO = 'an equity ticker like KO, not a crypto pair: one leg of a pair trade is sold short, and Alpaca cannot short crypto';

function equityLeg(description: string) {
  return symbolField.refine((symbol) => !isCryptoSymbol(symbol), { message: `must be ${NOT_CRYPTO}` }).describe(description);
}

/** A z-score threshold: positive, or from 0 when `zeroAllowed`. */
function zField(max: number, zeroAllowed: boolean, description: string) {
  const number = z.number({ error: mustBe(`a number ${zeroAllowed ? 'from 0 to' : 'greater than 0 and at most'} ${max}`) });
  return (zeroAllowed ? number.min(0) : number.positive()).max(max).describe(description);
}

// No exit-rule fields: the position-exit monitor watches one symbol, and closing one leg of a pair
// alone would leave the other unhedged.
export const pairsTradingConfigSchema = z
  .strictObject({
    symbol_a: equityLeg('Leg A (equity ticker): the spread is A - β·B, with β fitted by least squares of A on B.'),
    symbol_b: equityLeg('Leg B (equity ticker), the hedge: β shares of B per share of A.'),
    allocated_capital: positiveUsdField('USD for both legs together (long plus short notional) of one pair position.'),
    interval_seconds: intervalSecondsField,
    timeframe: z.enum(TIMEFRAMES, { error: mustBe(`one of ${TIMEFRAMES.join(', ')}`) }).describe('Bar size.').default('15Min'),
    lookback_bars: wholeNumberField(10, 500, 'N: β and the spread\'s mean and deviation come from the N bar times before the current one at which both symbols traded.').default(60),
    entry_z: zField(10, false, 'Enter when the spread z-score is beyond ±entry_z: above, short A and long B; below, long A and short B.').default(2),
    exit_z: zField(10, true, 'Close both legs when the z-score is back within exit_z of zero (or past it).').default(0.5),
    stop_z: zField(20, false, 'Close both legs (stop) when the z-score moves further against the position than ±stop_z; no entry beyond it.').default(4),
    position_size_pct: positionSizePctField.describe('Percent of allocated_capital one pair position uses, both legs together.'),
    ...riskLimitFields,
  })
  .refine((config) => config.symbol_b !== config.symbol_a, { path: ['symbol_b'], message: 'must be a different symbol from symbol_a' })
  .refine((config) => config.exit_z < config.entry_z, { path: ['exit_z'], message: 'must be less than entry_z' })
  .refine((config) => config.stop_z > config.entry_z, { path: ['stop_z'], message: 'must be greater than entry_z' });

export type PairsTradingConfig = z.infer<typeof pairsTradingConfigSchema>;
