import type { StrategyPosition } from './strategy';
import { swingTradingConfigSchema, swingTradingStrategy, type SwingTradingConfig } from './swing-trading.strategy';
import { barsFromCloses, decisionInput } from './testing/decision-input';
import { SWING_DEATH_CROSS, SWING_GOLDEN_CROSS, SWING_GOLDEN_CROSS_OVERBOUGHT } from './testing/signal-series.fixture';
import { validateStrategyConfiguration } from './validate-configuration';

// 30 closes falling 0.1 a bar (fast SMA 1.00 below the slow), then a 20-point gap up.
const DECLINE = Array.from({ length: 30 }, (_, i) => Number((103 - 0.1 * i).toFixed(2)));
const GAP_UP = [...DECLINE, 120.1];

function config(overrides: Record<string, unknown> = {}): SwingTradingConfig {
  return swingTradingConfigSchema.parse({ symbol: 'AAPL', allocated_capital: 1000, ...overrides });
}

const holding = (qty: number, avgEntryPrice = 104): StrategyPosition => ({ qty, avgEntryPrice, marketValue: qty * avgEntryPrice });

interface Case {
  closes: number[];
  position?: StrategyPosition | null;
  latestPrice?: number;
  overrides?: Record<string, unknown>;
}

function run({ closes, position = null, latestPrice, overrides }: Case) {
  return swingTradingStrategy.decide(
    decisionInput({ config: config(overrides), bars: barsFromCloses(closes, { stepMs: 3_600_000 }), position, latestPrice, state: { note: 'kept' } }),
  );
}

const GOLDEN = 'fast SMA\\(10\\) 99\\.94 vs slow SMA\\(30\\) 99\\.70 \\(previous bar 99\\.28 vs 99\\.55\\)';

describe('swing_trading strategy', () => {
  it.each<[string, Case, 'buy' | 'sell' | 'hold', number | null, RegExp]>([
    ['golden cross with RSI confirming', { closes: SWING_GOLDEN_CROSS }, 'buy', 9, new RegExp(`^golden cross: ${GOLDEN}; RSI\\(14\\) 66\\.5 confirms \\(from 50 to below 70\\); buying 9 AAPL at ~104\\.00$`)],
    ['golden cross with RSI overbought', { closes: SWING_GOLDEN_CROSS_OVERBOUGHT }, 'hold', null, /^HOLD - golden cross: fast SMA\(10\) 100\.45 vs slow SMA\(30\) 100\.05 \(previous bar 99\.48 vs 99\.77\), but RSI\(14\) 71\.6 is overbought \(at or above 70\)$/],
    ['golden cross below the RSI minimum', { closes: SWING_GOLDEN_CROSS, overrides: { rsi_entry_min: 67 } }, 'hold', null, new RegExp(`^HOLD - golden cross: ${GOLDEN}, but RSI\\(14\\) 66\\.5 is below the 67 needed to confirm momentum$`)],
    ['golden cross under a looser overbought level', { closes: SWING_GOLDEN_CROSS_OVERBOUGHT, overrides: { rsi_overbought: 75 } }, 'buy', 9, /RSI\(14\) 71\.6 confirms \(from 50 to below 75\); buying 9 AAPL at ~109\.00$/],
    ['fast SMA already above the slow', { closes: [...SWING_GOLDEN_CROSS, 105] }, 'hold', null, /^HOLD - waiting for signal: no golden cross \(fast SMA already above slow\): fast SMA\(10\) 100\.63 vs slow SMA\(30\) 99\.85 \(previous bar 99\.94 vs 99\.70\); RSI\(14\) 69\.0$/],
    ['a downtrend', { closes: DECLINE.concat(100) }, 'hold', null, /^HOLD - waiting for signal: no golden cross \(fast SMA not above slow\)/],
    ['a gap up bar crosses but is overbought', { closes: GAP_UP }, 'hold', null, /^HOLD - golden cross: .*, but RSI\(14\) 9\d\.\d is overbought/],
    ['flat prices', { closes: Array(31).fill(100) }, 'hold', null, /^HOLD - waiting for signal: no golden cross \(fast SMA not above slow\): fast SMA\(10\) 100\.00 vs slow SMA\(30\) 100\.00 \(previous bar 100\.00 vs 100\.00\); RSI\(14\) 50\.0$/],
    ['not enough bars', { closes: SWING_GOLDEN_CROSS.slice(0, 20) }, 'hold', null, /^HOLD - not enough data: 20 of 31 bars \(11 missing\) for the SMA\(10\)\/SMA\(30\) cross and RSI\(14\)$/],
    ['not enough bars for a long RSI', { closes: SWING_GOLDEN_CROSS, overrides: { rsi_period: 40 } }, 'hold', null, /31 of 41 bars \(10 missing\) for the SMA\(10\)\/SMA\(30\) cross and RSI\(40\)$/],
    ['crypto fractional qty', { closes: SWING_GOLDEN_CROSS, latestPrice: 43210.5, overrides: { symbol: 'BTC/USD' } }, 'buy', 0.023142, /buying 0\.023142 BTC\/USD at ~43210\.50$/],
    ['holding through the golden cross', { closes: SWING_GOLDEN_CROSS, position: holding(9) }, 'hold', null, new RegExp(`^HOLD - holding 9 AAPL \\(entry 104\\.00\\) until a death cross: ${GOLDEN}; RSI\\(14\\) 66\\.5$`)],
    ['holding, a death cross', { closes: SWING_DEATH_CROSS, position: holding(9) }, 'sell', 9, /^death cross: fast SMA\(10\) 100\.06 vs slow SMA\(30\) 100\.30 \(previous bar 100\.72 vs 100\.45\); RSI\(14\) 33\.5; selling all 9 AAPL \(entry 104\.00\)$/],
    ['holding, fast below slow since the cross', { closes: [...SWING_DEATH_CROSS, 95], position: holding(9) }, 'sell', 9, /^fast SMA below slow since a death cross: fast SMA\(10\) 99\.37 vs slow SMA\(30\) 100\.15/],
    ['holding, flat prices', { closes: Array(31).fill(100), position: holding(9) }, 'hold', null, /until a death cross/],
    ['holding crypto, sells the fractional position', { closes: SWING_DEATH_CROSS, position: holding(0.023142, 43210.5), overrides: { symbol: 'BTC/USD' } }, 'sell', 0.023142, /selling all 0\.023142 BTC\/USD/],
    ['short position', { closes: SWING_GOLDEN_CROSS, position: holding(-3) }, 'hold', null, /^HOLD - a short position of 3 AAPL is open; swing_trading only trades long$/],
  ])('%s', (_name, testCase, action, qty, reason) => {
    const decision = run(testCase);
    expect(decision.action).toBe(action);
    expect(decision.reason).toMatch(reason);
    expect(decision.orders.map((order) => order.qty)).toEqual(qty === null ? [] : [qty]);
  });

  it('buys with a day market order and remembers the entry; the exit forgets it', () => {
    const buy = run({ closes: SWING_GOLDEN_CROSS });
    expect(buy.orders).toEqual([{ symbol: 'AAPL', side: 'buy', type: 'market', timeInForce: 'day', qty: 9 }]);
    expect(buy.nextState).toEqual({ note: 'kept', entry_price: 104, entry_bar: '2026-01-06T21:00:00.000Z', entry_rsi: 66.52 });
    const bars = barsFromCloses(SWING_DEATH_CROSS);
    const sell = swingTradingStrategy.decide(decisionInput({ config: config(), bars, position: holding(9), state: buy.nextState }));
    expect(sell.orders).toEqual([{ symbol: 'AAPL', side: 'sell', type: 'market', timeInForce: 'day', qty: 9 }]);
    expect(sell.nextState).toEqual({ note: 'kept' });
  });

  it.each([
    [{}, { symbol: 'AAPL', timeframe: '1Hour', limit: 31 }],
    [{ fast_period: 5, slow_period: 8, rsi_period: 14, timeframe: '1Day' }, { symbol: 'AAPL', timeframe: '1Day', limit: 15 }],
  ])('requests max(slow, rsi) + 1 bars for %j', (overrides, expected) => {
    expect(swingTradingStrategy.marketData(config(overrides), { state: {}, asOf: new Date(0) })).toEqual(expected);
  });

  it('applies the defaults', () => {
    expect(validateStrategyConfiguration('swing_trading', { symbol: 'msft', allocated_capital: 5000 })).toEqual({
      ok: true,
      type: 'swing_trading',
      config: {
        symbol: 'MSFT',
        allocated_capital: 5000,
        timeframe: '1Hour',
        fast_period: 10,
        slow_period: 30,
        rsi_period: 14,
        rsi_entry_min: 50,
        rsi_overbought: 70,
        position_size_pct: 100,
      },
    });
  });

  it.each([
    [{ fast_period: 30 }, ['configuration.slow_period must be greater than fast_period']],
    [{ fast_period: 20, slow_period: 10 }, ['configuration.slow_period must be greater than fast_period']],
    [{ rsi_overbought: 50 }, ['configuration.rsi_overbought must be greater than rsi_entry_min']],
    [{ fast_period: 1 }, ['configuration.fast_period must be a whole number from 2 to 200']],
    [{ rsi_entry_min: 101 }, ['configuration.rsi_entry_min must be a number from 0 to 100']],
    [{ position_size_pct: 0 }, ['configuration.position_size_pct must be a number greater than 0 and at most 100']],
    [{ timeframe: '4Hour' }, ['configuration.timeframe must be one of 1Min, 5Min, 15Min, 1Hour, 1Day']],
  ])('rejects %j naming the field', (overrides, errors) => {
    expect(validateStrategyConfiguration('swing_trading', { symbol: 'AAPL', allocated_capital: 1000, ...overrides })).toEqual({ ok: false, errors });
  });
});
