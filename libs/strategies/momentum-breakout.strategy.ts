import { z } from 'zod';
import { commonConfigShape, mustBe, wholeNumberField } from './config-fields';
import { exitRuleFields } from './exit-rule-fields';
import { riskLimitFields } from './risk-limit-fields';
import { averageVolume, barsBeforeLast, highestHigh, lowestLow } from './indicators';
import { affordableQty, timeInForceFor } from './order-sizing';
import { formatMultiple, formatPrice, formatQty, formatUsd } from './reason-format';
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
  position_size_pct: z
    .number({ error: mustBe('a number greater than 0 and at most 100') })
    .positive()
    .max(100)
    .describe('Percent of allocated_capital spent on each entry.')
    .default(100),
  ...exitRuleFields,
  ...riskLimitFields,
});

export type MomentumBreakoutConfig = z.infer<typeof momentumBreakoutConfigSchema>;
type Input = DecisionInput<MomentumBreakoutConfig>;

// Remembered from the entry for the user's benefit; cleared on exit.
const ENTRY_STATE_KEYS = ['entry_price', 'entry_qty', 'entry_bar'];

function hold(reason: string, state: Record<string, unknown>): Decision {
  return { action: 'hold', reason: `HOLD - ${reason}`, orders: [], nextState: state };
}

function notEnoughBars(have: number, lookback: number, purpose: string, state: Record<string, unknown>): Decision {
  const need = lookback + 1;
  return hold(`not enough data: ${have} of ${need} bars (${need - have} missing) for the ${lookback}-bar ${purpose}`, state);
}

function decideEntry({ config, bars, latestPrice, account, state }: Input): Decision {
  const n = config.lookback_bars;
  if (bars.length < n + 1) return notEnoughBars(bars.length, n, 'breakout', state);
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
  if (!(latestPrice > 0)) return hold(`${breakout} on ${volume}, but there is no valid latest price`, state);

  const budget = (config.allocated_capital * config.position_size_pct) / 100;
  const qty = affordableQty(budget, latestPrice, config.symbol);
  if (qty <= 0) {
    return hold(`${breakout} on ${volume}, but ${formatUsd(budget)} buys no ${config.symbol} at ${formatPrice(latestPrice)}`, state);
  }
  const cost = qty * latestPrice;
  if (account.buyingPower < cost) {
    return hold(
      `${breakout} on ${volume}, but buying power ${formatUsd(account.buyingPower)} is below the ${formatUsd(cost)} for ${formatQty(qty)} ${config.symbol}`,
      state,
    );
  }
  return {
    action: 'buy',
    reason: `${breakout} on ${volume}; buying ${formatQty(qty)} ${config.symbol} at ~${formatPrice(latestPrice)}`,
    orders: [{ symbol: config.symbol, side: 'buy', type: 'market', timeInForce: timeInForceFor(config.symbol), qty }],
    nextState: { ...state, entry_price: latestPrice, entry_qty: qty, entry_bar: current.t },
  };
}

function decideExit({ config, bars, state }: Input, position: StrategyPosition): Decision {
  const m = config.exit_lookback_bars;
  if (bars.length < m + 1) return notEnoughBars(bars.length, m, 'exit', state);
  const current = bars[bars.length - 1];
  const low = lowestLow(barsBeforeLast(bars, m));
  const held = `${formatQty(position.qty)} ${config.symbol} (entry ${formatPrice(position.avgEntryPrice)})`;
  if (!(current.c < low)) {
    return hold(`waiting for signal: holding ${held}; close ${formatPrice(current.c)} above the ${m}-bar low ${formatPrice(low)}`, state);
  }
  const nextState: Record<string, unknown> = { ...state, last_exit_bar: current.t };
  for (const key of ENTRY_STATE_KEYS) delete nextState[key];
  return {
    action: 'sell',
    reason: `close ${formatPrice(current.c)} broke below the ${m}-bar low ${formatPrice(low)}; selling all ${held}`,
    // The whole position, as the broker reports it, so nothing is left behind after an exit.
    orders: [{ symbol: config.symbol, side: 'sell', type: 'market', timeInForce: timeInForceFor(config.symbol), qty: position.qty }],
    nextState,
  };
}

function decide(input: Input): Decision {
  const { position } = input;
  if (position && position.qty < 0) {
    return hold(`a short position of ${formatQty(-position.qty)} ${input.config.symbol} is open; momentum_breakout only trades long`, input.state);
  }
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
