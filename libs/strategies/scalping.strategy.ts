import { z } from 'zod';
import { commonConfigShape, mustBe, wholeNumberField } from './config-fields';
import { crossFieldCheck } from './cross-field-check';
import { exitRuleFields } from './exit-rule-fields';
import { hold } from './hold-decision';
import { buyWithBudget, describeHolding, notEnoughBars, refuseShort, sellAll } from './long-only-decision';
import { entryBudget } from './order-sizing';
import { crossBetween, describeAverages, type AveragePair } from './moving-average-cross';
import { positionSizePctField } from './position-size-field';
import { quoteSpread } from './quote-spread';
import { riskLimitFields } from './risk-limit-fields';
import { formatPrice } from './reason-format';
import { emaSeries } from './statistics';
import type { Decision, DecisionInput, StrategyDefinition, StrategyPosition } from './strategy';
import { STRATEGY_INTERVAL_SECONDS } from './strategy-schedule';

export const scalpingConfigSchema = z
  .strictObject({
    ...commonConfigShape,
    timeframe: z.enum(['1Min'], { error: mustBe('1Min (scalping reads 1-minute bars)') }).describe('Bar size; always 1Min.').default('1Min'),
    fast_ema: wholeNumberField(2, 100, 'Bars in the fast exponential moving average.').default(5),
    slow_ema: wholeNumberField(3, 200, 'Bars in the slow exponential moving average; greater than fast_ema.').default(13),
    max_spread_bps: z
      .number({ error: mustBe('a number greater than 0 and at most 1000') })
      .positive()
      .max(1000)
      .describe('No entry while the quote spread, (ask - bid) / mid, is wider than this many basis points.')
      .default(10),
    position_size_pct: positionSizePctField,
    ...exitRuleFields,
    // Tight exits are the point of scalping: the position exit monitor reads these from the stored
    // configuration, where validation writes the defaults.
    take_profit_pct: exitRuleFields.take_profit_pct
      .default(0.5)
      .describe('The exit monitor closes the position once the price is this percent above its average entry price.'),
    stop_loss_pct: exitRuleFields.stop_loss_pct
      .default(0.3)
      .describe('The exit monitor closes the position once the price is this percent below its average entry price.'),
    ...riskLimitFields,
  })
  .refine((config) => config.slow_ema > config.fast_ema, crossFieldCheck('slow_ema', 'must be greater than fast_ema'));

export type ScalpingConfig = z.infer<typeof scalpingConfigSchema>;
type Input = DecisionInput<ScalpingConfig>;

const ENTRY_STATE_KEYS = ['entry_price', 'entry_bar', 'entry_spread_bps'];

// The slow EMA is seeded with an SMA; three periods of history let the seed fade before the cross
// is read. Only slow_ema + 1 bars are required, the rest is requested for accuracy.
const EMA_WARMUP_PERIODS = 3;

interface Reading {
  cross: 'above' | 'below' | null;
  current: AveragePair;
  averages: string;
}

function decideFlat({ config, account, bars, quotes, state }: Input, reading: Reading): Decision {
  if (reading.cross !== 'above') {
    const side = reading.current.fast > reading.current.slow ? 'already above' : 'not above';
    return hold(`waiting for signal: no EMA cross up (fast EMA ${side} slow): ${reading.averages}`, state);
  }
  const signal = `fast EMA crossed above slow: ${reading.averages}`;
  const spread = quoteSpread(quotes[config.symbol]);
  if (!spread) return hold(`${signal}, but there is no valid quote for ${config.symbol} to check the spread`, state);
  const quoted = `${spread.bps.toFixed(1)} bps (bid ${formatPrice(spread.bid)}, ask ${formatPrice(spread.ask)})`;
  if (spread.bps > config.max_spread_bps) {
    return hold(`${signal}, but spread ${quoted} is wider than the ${config.max_spread_bps} bps max`, state);
  }
  return buyWithBudget({
    symbol: config.symbol,
    budget: entryBudget(config),
    // A market buy fills at the ask.
    price: spread.ask,
    account,
    signal: `${signal}; spread ${quoted} within ${config.max_spread_bps} bps`,
    state,
    entryState: { entry_price: spread.ask, entry_bar: bars[bars.length - 1].t, entry_spread_bps: Number(spread.bps.toFixed(2)) },
  });
}

function decideLong({ config, state }: Input, position: StrategyPosition, reading: Reading): Decision {
  if (reading.cross === 'below') return sellAll(config.symbol, position, `fast EMA crossed below slow: ${reading.averages}`, state, ENTRY_STATE_KEYS);
  // A cross inside a minute that ended between two runs is never seen as a cross; the fast EMA
  // still being below the slow one is the same exit, one bar late.
  if (reading.current.fast < reading.current.slow) {
    return sellAll(config.symbol, position, `fast EMA below slow since a cross down: ${reading.averages}`, state, ENTRY_STATE_KEYS);
  }
  const exits = `take profit +${config.take_profit_pct}% / stop loss -${config.stop_loss_pct}% with the exit monitor`;
  return hold(`holding ${describeHolding(position, config.symbol)} until the fast EMA crosses below the slow (${exits}): ${reading.averages}`, state);
}

function decide(input: Input): Decision {
  const { config, bars, position, state } = input;
  if (position && position.qty < 0) return refuseShort(position, config.symbol, 'scalping', state);
  const need = config.slow_ema + 1;
  if (bars.length < need) return notEnoughBars(bars.length, need, `the EMA(${config.fast_ema})/EMA(${config.slow_ema}) cross`, state);
  const closes = bars.map((bar) => bar.c);
  const fast = emaSeries(closes, config.fast_ema);
  const slow = emaSeries(closes, config.slow_ema);
  const previous = { fast: fast[fast.length - 2], slow: slow[slow.length - 2] };
  const current = { fast: fast[fast.length - 1], slow: slow[slow.length - 1] };
  const reading: Reading = {
    cross: crossBetween(previous, current),
    current,
    averages: describeAverages('EMA', { fast: config.fast_ema, slow: config.slow_ema }, previous, current),
  };
  return position && position.qty > 0 ? decideLong(input, position, reading) : decideFlat(input, reading);
}

export const scalpingStrategy: StrategyDefinition<ScalpingConfig, 'scalping'> = {
  type: 'scalping',
  kind: 'interval',
  intervalSeconds: STRATEGY_INTERVAL_SECONDS.scalping,
  supported: true,
  description:
    'Buys on a fast/slow EMA cross up on 1-minute bars when the bid/ask spread is at most max_spread_bps; sells on the cross down. Tight take_profit_pct (0.5) and stop_loss_pct (0.3) are handed to the exit monitor.',
  configSchema: scalpingConfigSchema,
  marketData: (config) => ({
    symbol: config.symbol,
    timeframe: config.timeframe,
    limit: config.slow_ema * EMA_WARMUP_PERIODS + 1,
    quotes: [config.symbol],
  }),
  decide,
};
