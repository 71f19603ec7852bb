import { z } from 'zod';
import { commonConfigShape, mustBe, wholeNumberField } from './config-fields';
import { exitRuleFields } from './exit-rule-fields';
import { riskLimitFields } from './risk-limit-fields';
import { hold } from './hold-decision';
import { averageVolume, barsBeforeLast, highestHigh, lowestLow } from './indicators';
import { buyWithBudget, describeHolding, notEnoughBars, refuseShort, sellAll } from './long-only-decision';
import { entryBudget } from './order-sizing';
import { positionSizePctField } from './position-size-field';
import { formatMultiple, formatPrice } from './reason-format';
import { TIMEFRAMES, type Decision, type DecisionInput, type StrategyDefinition, type StrategyPosition } from './strategy';
import { STRATEGY_INTERVAL_SECONDS } from './strategy-schedule';

export const momentumBreakoutConfigSchema = z.strictObject({
  ...commonConfigShape,
  lookback_bars: wholeNumberField(2, 500, 'N: entry when the close breaks the highest high of the N bars before it.').default(20),
  exit_lookback_bars: wholeNumberField(1, 500, 'M: exit when the close breaks the lowest low of the M bars before it.').default(10),
  volume_multiplier: z
    .number({ error: mustBe('a number from 0 to 100') })
    .min(0)
    .max(100)
    .describe("Entry volume must exceed this multiple of the N bars' average volume.")
    .default(1.5),
  timeframe: z.enum(TIMEFRAMES, { error: mustBe(`one of ${TIMEFRAMES.join(', ')}`) }).describe('Bar size.').default('5Min'),
  position_size_pct: positionSizePctField,
  ...exitRuleFields,
  ...riskLimitFields,
});

export type MomentumBreakoutConfig = z.infer<typeof momentumBreakoutConfigSchema>;
type Input = DecisionInput<MomentumBreakoutConfig>;

// Remembered from the entry for the user's benefit; cleared on exit.
const ENTRY_STATE_KEYS = ['entry_price', 'entry_qty', 'entry_bar'];

function decideEntry({ config, bars, latestPrice, account, state }: Input): Decision {
  const n = config.lookback_bars;
  if (bars.length < n + 1) return notEnoughBars(bars.length, n + 1, `the ${n}-bar breakout`, state);
  const current = bars[bars.length - 1];
  const window = barsBeforeLast(bars, n);
  const high = highestHigh(window);
  const low = lowestLow(window);
  if (!(current.c > high)) {
    const where = current.c < low ? 'below' : 'within';
    return hold(`waiting for signal: close ${formatPrice(current.c)} ${where} ${n}-bar range ${formatPrice(low)}-${formatPrice(high)}`, state);
  }
  const avgVolume = averageVolume(window);
  const volumeNeeded = config.volume_multiplier * avgVolume;
  const volume = avgVolume > 0 ? `volume ${formatMultiple(current.v / avgVolume)} average` : `volume ${current.v} (average 0)`;
  const breakout = `close ${formatPrice(current.c)} broke the ${n}-bar high ${formatPrice(high)}`;
  if (!(current.v > volumeNeeded)) {
    return hold(`waiting for signal: ${breakout} but ${volume} is not above ${formatMultiple(config.volume_multiplier)}`, state);
  }
  // momentum_breakout's own wording for a missing price, checked before buyWithBudget's.
  if (!(latestPrice > 0)) return hold(`${breakout} on ${volume}, but there is no valid latest price`, state);
  return buyWithBudget({
    symbol: config.symbol,
    budget: entryBudget(config),
    price: latestPrice,
    account,
    signal: `${breakout} on ${volume}`,
    state,
    entryState: (qty) => ({ entry_price: latestPrice, entry_qty: qty, entry_bar: current.t }),
  });
}

function decideExit({ config, bars, state }: Input, position: StrategyPosition): Decision {
  const m = config.exit_lookback_bars;
  if (bars.length < m + 1) return notEnoughBars(bars.length, m + 1, `the ${m}-bar exit`, state);
  const current = bars[bars.length - 1];
  const low = lowestLow(barsBeforeLast(bars, m));
  if (!(current.c < low)) {
    const held = describeHolding(position, config.symbol);
    return hold(`waiting for signal: holding ${held}; close ${formatPrice(current.c)} above the ${m}-bar low ${formatPrice(low)}`, state);
  }
  const signal = `close ${formatPrice(current.c)} broke below the ${m}-bar low ${formatPrice(low)}`;
  return sellAll(config.symbol, position, signal, { ...state, last_exit_bar: current.t }, ENTRY_STATE_KEYS);
}

function decide(input: Input): Decision {
  const { position } = input;
  if (position && position.qty < 0) return refuseShort(position, input.config.symbol, 'momentum_breakout', input.state);
  return position && position.qty > 0 ? decideExit(input, position) : decideEntry(input);
}

export const momentumBreakoutStrategy: StrategyDefinition<MomentumBreakoutConfig, 'momentum_breakout'> = {
  type: 'momentum_breakout',
  kind: 'interval',
  intervalSeconds: STRATEGY_INTERVAL_SECONDS.momentum_breakout,
  supported: true,
  description:
    'Buys when the close breaks the highest high of the last N bars on volume above average; sells the position when the close breaks the lowest low of the last M bars.',
  configSchema: momentumBreakoutConfigSchema,
  marketData: (config) => ({
    symbol: config.symbol,
    timeframe: config.timeframe,
    limit: Math.max(config.lookback_bars, config.exit_lookback_bars) + 1,
  }),
  decide,
};
