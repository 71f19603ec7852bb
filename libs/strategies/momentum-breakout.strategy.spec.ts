import type { Bar } from '../broker/broker.port';
import { momentumBreakoutConfigSchema, momentumBreakoutStrategy, type MomentumBreakoutConfig } from './momentum-breakout.strategy';
import type { DecisionInput, StrategyPosition } from './strategy';
import { flatBars, rangeBoundBars, withCurrentBar } from './testing/bar-series.fixture';

// 20 bars inside [99, 105] touching both ends, volumes 800..1200: a known 20-bar range.
const RANGE = rangeBoundBars(7, 20, { low: 99, high: 105, volume: 1000 });
// 10 old bars far lower, then the range: the 10-bar and 20-bar lows differ (99 vs 90).
const STEP_UP = [...flatBars(10, 90, 1000), ...rangeBoundBars(11, 10, { low: 99, high: 105, volume: 1000 })].map(
  (bar, i) => ({ ...bar, t: RANGE[i].t }),
);

function config(overrides: Record<string, unknown> = {}): MomentumBreakoutConfig {
  return momentumBreakoutConfigSchema.parse({ symbol: 'AAPL', allocated_capital: 1000, ...overrides });
}

interface Case {
  bars: Bar[];
  position?: StrategyPosition | null;
  latestPrice?: number;
  buyingPower?: number;
  overrides?: Record<string, unknown>;
}

function run({ bars, position = null, latestPrice, buyingPower = 100_000, overrides }: Case) {
  const input: DecisionInput<MomentumBreakoutConfig> = {
    config: config(overrides),
    asOf: new Date('2025-01-06T16:15:00Z'),
    bars,
    latestPrice: latestPrice ?? bars[bars.length - 1].c,
    position,
    account: { cash: buyingPower, buyingPower, equity: buyingPower },
    state: { note: 'kept' },
    markets: {},
    quotes: {},
    news: [],
  };
  return momentumBreakoutStrategy.decide(input);
}

const holding = (qty: number, avgEntryPrice = 104): StrategyPosition => ({ qty, avgEntryPrice, marketValue: qty * avgEntryPrice });

describe('momentum_breakout strategy', () => {
  it.each<[string, Case, 'buy' | 'sell' | 'hold', number | null, RegExp]>([
    ['breakout on volume', { bars: withCurrentBar(RANGE, 106, 3000) }, 'buy', 9, /^close 106\.00 broke the 20-bar high 105\.00 on volume \d\.\d+x average; buying 9 AAPL at ~106\.00$/],
    ['breakout without volume', { bars: withCurrentBar(RANGE, 106, 1000) }, 'hold', null, /^HOLD - waiting for signal: close 106\.00 broke the 20-bar high 105\.00 but volume [\d.]+x average is not above 1\.5x$/],
    ['close inside the range', { bars: withCurrentBar(RANGE, 102, 3000) }, 'hold', null, /^HOLD - waiting for signal: close 102\.00 within 20-bar range 99\.00-105\.00$/],
    ['flat and closing below the range', { bars: withCurrentBar(RANGE, 97.5, 3000) }, 'hold', null, /^HOLD - waiting for signal: close 97\.50 below 20-bar range 99\.00-105\.00$/],
    ['close equal to the high', { bars: withCurrentBar(RANGE, 105, 3000) }, 'hold', null, /waiting for signal: close 105\.00 within/],
    ['flat prices', { bars: flatBars(21, 100, 1000) }, 'hold', null, /^HOLD - waiting for signal: close 100\.00 within 20-bar range 100\.00-100\.00$/],
    ['not enough bars', { bars: withCurrentBar(RANGE.slice(0, 14), 106, 3000) }, 'hold', null, /^HOLD - not enough data: 15 of 21 bars \(6 missing\) for the 20-bar breakout$/],
    ['no bars at all', { bars: [], latestPrice: 100 }, 'hold', null, /21 bars \(21 missing\)/],
    ['smaller position size', { bars: withCurrentBar(RANGE, 106, 3000), overrides: { position_size_pct: 50 } }, 'buy', 4, /buying 4 AAPL/],
    ['budget below one share', { bars: withCurrentBar(RANGE, 106, 3000), overrides: { allocated_capital: 50 } }, 'hold', null, /but \$50\.00 buys no AAPL at 106\.00$/],
    ['buying power short', { bars: withCurrentBar(RANGE, 106, 3000), buyingPower: 900 }, 'hold', null, /but buying power \$900\.00 is below the \$954\.00 for 9 AAPL$/],
    ['crypto fractional qty', { bars: withCurrentBar(RANGE, 106, 3000), latestPrice: 43210.5, overrides: { symbol: 'BTC/USD' } }, 'buy', 0.023142, /buying 0\.023142 BTC\/USD at ~43210\.50$/],
    ['zero average volume', { bars: withCurrentBar(flatBars(20, 100, 0), 101, 10) }, 'buy', 9, /on volume 10 \(average 0\)/],
    ['holding, breakdown below the 10-bar low', { bars: withCurrentBar(STEP_UP, 98, 1000), position: holding(9) }, 'sell', 9, /^close 98\.00 broke below the 10-bar low 99\.00; selling all 9 AAPL \(entry 104\.00\)$/],
    ['holding, 20-bar exit low not broken', { bars: withCurrentBar(STEP_UP, 98, 1000), position: holding(9), overrides: { exit_lookback_bars: 20 } }, 'hold', null, /waiting for signal: holding 9 AAPL \(entry 104\.00\); close 98\.00 above the 20-bar low 90\.00/],
    ['holding, inside the range', { bars: withCurrentBar(STEP_UP, 102, 1000), position: holding(9) }, 'hold', null, /close 102\.00 above the 10-bar low 99\.00/],
    ['already holding when a breakout comes', { bars: withCurrentBar(RANGE, 106, 3000), position: holding(9) }, 'hold', null, /holding 9 AAPL/],
    ['holding with too few bars for the exit', { bars: RANGE.slice(0, 5), position: holding(9) }, 'hold', null, /5 of 11 bars \(6 missing\) for the 10-bar exit$/],
    ['holding crypto, sells the fractional position', { bars: withCurrentBar(RANGE, 98, 1000), position: holding(0.023142, 43000), overrides: { symbol: 'BTC/USD' } }, 'sell', 0.023142, /selling all 0\.023142 BTC\/USD/],
    ['short position', { bars: withCurrentBar(RANGE, 106, 3000), position: holding(-5) }, 'hold', null, /short position of 5 AAPL is open; momentum_breakout only trades long$/],
  ])('%s', (_name, testCase, action, qty, reason) => {
    const decision = run(testCase);
    expect(decision.action).toBe(action);
    expect(decision.reason).toMatch(reason);
    expect(decision.orders.map((order) => order.qty)).toEqual(qty === null ? [] : [qty]);
  });

  it.each([
    ['AAPL', 'day'],
    ['BTC/USD', 'gtc'],
  ])('sends whole market orders for %s with time in force %s', (symbol, timeInForce) => {
    const buy = run({ bars: withCurrentBar(RANGE, 106, 3000), latestPrice: 100, overrides: { symbol } });
    expect(buy.orders).toEqual([{ symbol, side: 'buy', type: 'market', timeInForce, qty: 10 }]);
  });

  it('reads exact numbers in the reason', () => {
    const decision = run({ bars: withCurrentBar(flatBars(20, 100, 1000), 101, 1800) });
    expect(decision.reason).toBe('close 101.00 broke the 20-bar high 100.00 on volume 1.8x average; buying 9 AAPL at ~101.00');
  });

  it('remembers the entry on a buy and forgets it on the exit', () => {
    const buy = run({ bars: withCurrentBar(RANGE, 106, 3000) });
    expect(buy.nextState).toEqual({ note: 'kept', entry_price: 106, entry_qty: 9, entry_bar: '2025-01-06T16:10:00.000Z' });
    const sellInput = { bars: withCurrentBar(RANGE, 98, 1000), position: holding(9) };
    const sell = momentumBreakoutStrategy.decide({ ...inputFrom(sellInput), state: buy.nextState });
    expect(sell.nextState).toEqual({ note: 'kept', last_exit_bar: '2025-01-06T16:10:00.000Z' });
  });

  it('leaves state untouched on hold', () => {
    expect(run({ bars: withCurrentBar(RANGE, 102, 1000) }).nextState).toEqual({ note: 'kept' });
  });

  it.each([
    [{}, { symbol: 'AAPL', timeframe: '5Min', limit: 21 }],
    [{ lookback_bars: 5, exit_lookback_bars: 30, timeframe: '1Hour' }, { symbol: 'AAPL', timeframe: '1Hour', limit: 31 }],
    [{ symbol: 'eth/usd', lookback_bars: 50 }, { symbol: 'ETH/USD', timeframe: '5Min', limit: 51 }],
  ])('requests max(N, M) + 1 bars for %j', (overrides, expected) => {
    expect(momentumBreakoutStrategy.marketData(config(overrides), { state: {}, asOf: new Date(0) })).toEqual(expected);
  });
});

function inputFrom({ bars, position }: { bars: Bar[]; position: StrategyPosition }): DecisionInput<MomentumBreakoutConfig> {
  return {
    config: config(),
    asOf: new Date('2025-01-06T16:15:00Z'),
    bars,
    latestPrice: bars[bars.length - 1].c,
    position,
    account: { cash: 0, buyingPower: 0, equity: 1000 },
    state: {},
    markets: {},
    quotes: {},
    news: [],
  };
}
