import { z } from 'zod';
import { commonConfigShape, mustBe, wholeNumberField } from './config-fields';
import { crossFieldCheck } from './cross-field-check';
import { exitRuleFields } from './exit-rule-fields';
import { hold } from './hold-decision';
import { buyWithBudget, describeHolding, notEnoughBars, refuseShort, sellAll } from './long-only-decision';
import { entryBudget } from './order-sizing';
import { crossBetween, describeAverages, type AveragePair } from './moving-average-cross';
import { positionSizePctField } from './position-size-field';
import { riskLimitFields } from './risk-limit-fields';
import { rsi, sma } from './statistics';
import { TIMEFRAMES, type Decision, type DecisionInput, type StrategyDefinition, type StrategyPosition } from './strategy';
import { STRATEGY_INTERVAL_SECONDS } from './strategy-schedule';

function rsiLevelField(description: string) {
  return z.number({ error: mustBe('a number from 0 to 100') }).min(0).max(100).describe(description);
}

export const swingTradingConfigSchema = z
  .strictObject({
    ...commonConfigShape,
    timeframe: z.enum(TIMEFRAMES, { error: mustBe(`one of ${TIMEFRAMES.join(', ')}`) }).describe('Bar size.').default('1Hour'),
    fast_period: wholeNumberField(2, 200, 'Bars in the fast simple moving average.').default(10),
    slow_period: wholeNumberField(3, 500, 'Bars in the slow simple moving average; greater than fast_period.').default(30),
    rsi_period: wholeNumberField(2, 100, "Bars in Wilder's RSI that confirms an entry.").default(14),
    rsi_entry_min: rsiLevelField('A golden cross is bought only with RSI at or above this (momentum confirmed).').default(50),
    rsi_overbought: rsiLevelField('No entry with RSI at or above this (overbought).').default(70),
    position_size_pct: positionSizePctField,
    ...exitRuleFields,
    ...riskLimitFields,
  })
  .refine((config) => config.slow_period > config.fast_period, crossFieldCheck('slow_period', 'must be greater than fast_period'))
  .refine((config) => config.rsi_overbought > config.rsi_entry_min, crossFieldCheck('rsi_overbought', 'must be greater than rsi_entry_min'));

export type SwingTradingConfig = z.infer<typeof swingTradingConfigSchema>;
type Input = DecisionInput<SwingTradingConfig>;

const ENTRY_STATE_KEYS = ['entry_price', 'entry_bar', 'entry_rsi'];

/** Bars one decision needs: both SMAs on the previous bar too, and RSI's period plus one. */
function barsNeeded(config: SwingTradingConfig): number {
  return Math.max(config.slow_period, config.rsi_period) + 1;
}

interface Reading {
  cross: 'above' | 'below' | null;
  current: AveragePair;
  rsi: number;
  /** "fast SMA(10) 101.20 vs slow SMA(30) 100.50 (previous bar 100.10 vs 100.40)" */
  averages: string;
  /** "RSI(14) 55.2" */
  rsiText: string;
}

function decideFlat({ config, latestPrice, account, bars, state }: Input, reading: Reading): Decision {
  const { rsiText } = reading;
  if (reading.cross !== 'above') {
    const side = reading.current.fast > reading.current.slow ? 'already above' : 'not above';
    return hold(`waiting for signal: no golden cross (fast SMA ${side} slow): ${reading.averages}; ${rsiText}`, state);
  }
  const golden = `golden cross: ${reading.averages}`;
  if (reading.rsi < config.rsi_entry_min) {
    return hold(`${golden}, but ${rsiText} is below the ${config.rsi_entry_min} needed to confirm momentum`, state);
  }
  if (reading.rsi >= config.rsi_overbought) {
    return hold(`${golden}, but ${rsiText} is overbought (at or above ${config.rsi_overbought})`, state);
  }
  return buyWithBudget({
    symbol: config.symbol,
    budget: entryBudget(config),
    price: latestPrice,
    account,
    signal: `${golden}; ${rsiText} confirms (from ${config.rsi_entry_min} to below ${config.rsi_overbought})`,
    state,
    entryState: { entry_price: latestPrice, entry_bar: bars[bars.length - 1].t, entry_rsi: Number(reading.rsi.toFixed(2)) },
  });
}

function decideLong({ config, state }: Input, position: StrategyPosition, reading: Reading): Decision {
  const numbers = `${reading.averages}; ${reading.rsiText}`;
  if (reading.cross === 'below') return sellAll(config.symbol, position, `death cross: ${numbers}`, state, ENTRY_STATE_KEYS);
  // A death cross formed inside a bar that ended between two runs is never seen as a cross; the
  // fast average still being below the slow one is the same exit, one bar late.
  if (reading.current.fast < reading.current.slow) {
    return sellAll(config.symbol, position, `fast SMA below slow since a death cross: ${numbers}`, state, ENTRY_STATE_KEYS);
  }
  return hold(`holding ${describeHolding(position, config.symbol)} until a death cross: ${numbers}`, state);
}

function decide(input: Input): Decision {
  const { config, bars, position, state } = input;
  if (position && position.qty < 0) return refuseShort(position, config.symbol, 'swing_trading', state);
  const need = barsNeeded(config);
  if (bars.length < need) {
    return notEnoughBars(bars.length, need, `the SMA(${config.fast_period})/SMA(${config.slow_period}) cross and RSI(${config.rsi_period})`, state);
  }
  const closes = bars.map((bar) => bar.c);
  const before = closes.slice(0, -1);
  const previous = { fast: sma(before, config.fast_period), slow: sma(before, config.slow_period) };
  const current = { fast: sma(closes, config.fast_period), slow: sma(closes, config.slow_period) };
  // Wilder's RSI over every fetched close: the request's limit is fixed by the configuration, so
  // the value is reproducible from the same bars.
  const strength = rsi(closes, config.rsi_period);
  const periods = { fast: config.fast_period, slow: config.slow_period };
  const reading: Reading = {
    cross: crossBetween(previous, current),
    current,
    rsi: strength,
    averages: describeAverages('SMA', periods, previous, current),
    rsiText: `RSI(${config.rsi_period}) ${strength.toFixed(1)}`,
  };
  return position && position.qty > 0 ? decideLong(input, position, reading) : decideFlat(input, reading);
}

export const swingTradingStrategy: StrategyDefinition<SwingTradingConfig, 'swing_trading'> = {
  type: 'swing_trading',
  kind: 'interval',
  intervalSeconds: STRATEGY_INTERVAL_SECONDS.swing_trading,
  supported: true,
  description:
    'Buys when the fast SMA crosses above the slow SMA with RSI confirming momentum (at least rsi_entry_min, below rsi_overbought); holds for days and sells on the death cross.',
  configSchema: swingTradingConfigSchema,
  marketData: (config) => ({ symbol: config.symbol, timeframe: config.timeframe, limit: barsNeeded(config) }),
  decide,
};
