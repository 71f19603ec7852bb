import { z } from 'zod';
import { commonConfigShape, mustBe, wholeNumberField } from './config-fields';
import { crossFieldCheck } from './cross-field-check';
import { exitRuleFields } from './exit-rule-fields';
import { barsBeforeLast } from './indicators';
import { hold } from './hold-decision';
import { buyWithBudget, describeHolding, notEnoughBars, refuseShort, sellAll } from './long-only-decision';
import { entryBudget } from './order-sizing';
import { positionSizePctField } from './position-size-field';
import { riskLimitFields } from './risk-limit-fields';
import { formatPrice } from './reason-format';
import { mean, standardDeviation, zScore } from './statistics';
import { TIMEFRAMES, type Decision, type DecisionInput, type StrategyDefinition, type StrategyPosition } from './strategy';
import { STRATEGY_INTERVAL_SECONDS } from './strategy-schedule';

export const meanReversionConfigSchema = z
  .strictObject({
    ...commonConfigShape,
    timeframe: z.enum(TIMEFRAMES, { error: mustBe(`one of ${TIMEFRAMES.join(', ')}`) }).describe('Bar size.').default('15Min'),
    lookback_bars: wholeNumberField(2, 500, 'N: the z-score compares the close with the mean and standard deviation of the N closes before it.').default(20),
    entry_z: z
      .number({ error: mustBe('a number greater than 0 and at most 10') })
      .positive()
      .max(10)
      .describe('Buy when the z-score falls below -entry_z.')
      .default(2),
    exit_z: z
      .number({ error: mustBe('a number from -10 to 10') })
      .min(-10)
      .max(10)
      .describe('Sell when the z-score is back at or above -exit_z: 0 exits at the mean, 0.5 half a standard deviation below it.')
      .default(0),
    stop_z: z
      .number({ error: mustBe('a number greater than 0 and at most 20') })
      .positive()
      .max(20)
      .describe('Sell (stop) when the z-score keeps falling below -stop_z; no entry beyond it either.')
      .default(3.5),
    position_size_pct: positionSizePctField,
    ...exitRuleFields,
    ...riskLimitFields,
  })
  .refine((config) => config.exit_z < config.entry_z, crossFieldCheck('exit_z', 'must be less than entry_z'))
  .refine((config) => config.stop_z > config.entry_z, crossFieldCheck('stop_z', 'must be greater than entry_z'));

export type MeanReversionConfig = z.infer<typeof meanReversionConfigSchema>;
type Input = DecisionInput<MeanReversionConfig>;

const ENTRY_STATE_KEYS = ['entry_z', 'entry_price', 'entry_bar'];

/** "-2.31"; never "-0.00". */
function formatZ(z: number): string {
  const text = z.toFixed(2);
  return text === '-0.00' ? '0.00' : text;
}

interface Reading {
  z: number;
  /** "close 95.20, 20-bar mean 100.10, sd 2.12" */
  stats: string;
}

function decideFlat({ config, latestPrice, account, bars, state }: Input, { z, stats }: Reading): Decision {
  const entry = formatZ(-config.entry_z);
  if (z < -config.stop_z) {
    return hold(`z-score ${formatZ(z)} is beyond the ${formatZ(-config.stop_z)} stop (${stats}); not buying a fall past the stop`, state);
  }
  if (!(z < -config.entry_z)) return hold(`waiting for signal: z-score ${formatZ(z)} not below ${entry} entry (${stats})`, state);
  return buyWithBudget({
    symbol: config.symbol,
    budget: entryBudget(config),
    price: latestPrice,
    account,
    signal: `z-score ${formatZ(z)} below ${entry} entry (${stats})`,
    state,
    entryState: { entry_z: Number(z.toFixed(4)), entry_price: latestPrice, entry_bar: bars[bars.length - 1].t },
  });
}

function decideLong({ config, state }: Input, position: StrategyPosition, { z, stats }: Reading): Decision {
  const exit = formatZ(-config.exit_z);
  const stop = formatZ(-config.stop_z);
  if (z >= -config.exit_z) {
    const reverted = config.exit_z === 0 ? 'reverted to the mean' : 'reverted toward the mean';
    return sellAll(config.symbol, position, `${reverted}: z-score ${formatZ(z)} at or above ${exit} exit (${stats})`, state, ENTRY_STATE_KEYS);
  }
  if (z < -config.stop_z) {
    return sellAll(config.symbol, position, `stop: z-score ${formatZ(z)} fell below ${stop} stop (${stats})`, state, ENTRY_STATE_KEYS);
  }
  const held = describeHolding(position, config.symbol);
  return hold(`holding ${held}; z-score ${formatZ(z)} between ${stop} stop and ${exit} exit (${stats})`, state);
}

function decide(input: Input): Decision {
  const { config, bars, position, state } = input;
  if (position && position.qty < 0) return refuseShort(position, config.symbol, 'mean_reversion', state);
  const n = config.lookback_bars;
  if (bars.length < n + 1) return notEnoughBars(bars.length, n + 1, `the ${n}-bar z-score`, state);

  const close = bars[bars.length - 1].c;
  const window = barsBeforeLast(bars, n).map((bar) => bar.c);
  const sd = standardDeviation(window);
  const long = position && position.qty > 0 ? position : null;
  if (!(sd > 0)) {
    // Every close equal: any move is "infinitely many" deviations, which says nothing about reversion.
    const held = long ? `holding ${describeHolding(long, config.symbol)}; ` : '';
    return hold(`${held}the ${n} closes before this bar are all ${formatPrice(window[0])} (sd 0), so there is no z-score (close ${formatPrice(close)})`, state);
  }
  const reading = { z: zScore(close, window), stats: `close ${formatPrice(close)}, ${n}-bar mean ${formatPrice(mean(window))}, sd ${formatPrice(sd)}` };
  return long ? decideLong(input, long, reading) : decideFlat(input, reading);
}

export const meanReversionStrategy: StrategyDefinition<MeanReversionConfig, 'mean_reversion'> = {
  type: 'mean_reversion',
  kind: 'interval',
  intervalSeconds: STRATEGY_INTERVAL_SECONDS.mean_reversion,
  supported: true,
  description:
    "Buys when the close's z-score against the mean and standard deviation of the N bars before it falls below -entry_z; sells when it is back at -exit_z (the mean by default) or falls below -stop_z.",
  configSchema: meanReversionConfigSchema,
  marketData: (config) => ({ symbol: config.symbol, timeframe: config.timeframe, limit: config.lookback_bars + 1 }),
  decide,
};
