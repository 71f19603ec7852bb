import type { BrokerQuote } from '../broker/broker.port';
import { exitRulesOf } from '../exits/exit-rules';
import { scalpingConfigSchema, scalpingStrategy, type ScalpingConfig } from './scalping.strategy';
import type { StrategyPosition } from './strategy';
import { barsFromCloses, decisionInput, quoteAround } from './testing/decision-input';
import { SCALPING_EMA_CROSS_DOWN, SCALPING_EMA_CROSS_UP } from './testing/signal-series.fixture';
import { validateStrategyConfiguration } from './validate-configuration';

// 39 closes rising 0.05 a bar from 98 (fast EMA above the slow), for a gap down while holding.
const RISING = Array.from({ length: 39 }, (_, i) => Number((98 + 0.05 * i).toFixed(2)));

function config(overrides: Record<string, unknown> = {}): ScalpingConfig {
  return scalpingConfigSchema.parse({ symbol: 'AAPL', allocated_capital: 1000, ...overrides });
}

const holding = (qty: number, avgEntryPrice = 101.63): StrategyPosition => ({ qty, avgEntryPrice, marketValue: qty * avgEntryPrice });

interface Case {
  closes: number[];
  quote?: BrokerQuote;
  position?: StrategyPosition | null;
  overrides?: Record<string, unknown>;
}

function run({ closes, quote, position = null, overrides }: Case) {
  const symbol = config(overrides).symbol;
  return scalpingStrategy.decide(
    decisionInput({
      config: config(overrides),
      bars: barsFromCloses(closes),
      position,
      quotes: quote ? { [symbol]: quote } : {},
      state: { note: 'kept' },
    }),
  );
}

const CROSS_UP = 'fast EMA crossed above slow: fast EMA\\(5\\) 100\\.67 vs slow EMA\\(13\\) 100\\.57 \\(previous bar 100\\.20 vs 100\\.40\\)';

describe('scalping strategy', () => {
  it.each<[string, Case, 'buy' | 'sell' | 'hold', number | null, RegExp]>([
    ['EMA cross up, narrow spread', { closes: SCALPING_EMA_CROSS_UP, quote: quoteAround(101.6, 5) }, 'buy', 9, new RegExp(`^${CROSS_UP}; spread 5\\.0 bps \\(bid 101\\.57, ask 101\\.63\\) within 10 bps; buying 9 AAPL at ~101\\.63$`)],
    ['EMA cross up, wide spread', { closes: SCALPING_EMA_CROSS_UP, quote: quoteAround(101.6, 25) }, 'hold', null, new RegExp(`^HOLD - ${CROSS_UP}, but spread 25\\.0 bps \\(bid 101\\.47, ask 101\\.73\\) is wider than the 10 bps max$`)],
    ['EMA cross up, spread exactly at the max', { closes: SCALPING_EMA_CROSS_UP, quote: quoteAround(101.6, 10) }, 'buy', 9, /spread 10\.0 bps .* within 10 bps/],
    ['EMA cross up, wider max', { closes: SCALPING_EMA_CROSS_UP, quote: quoteAround(101.6, 25), overrides: { max_spread_bps: 30 } }, 'buy', 9, /within 30 bps/],
    ['EMA cross up, no quote', { closes: SCALPING_EMA_CROSS_UP }, 'hold', null, new RegExp(`^HOLD - ${CROSS_UP}, but there is no valid quote for AAPL to check the spread$`)],
    ['EMA cross up, crossed quote', { closes: SCALPING_EMA_CROSS_UP, quote: { bid: 101.7, ask: 101.5, bidSize: 1, askSize: 1, timestamp: '2026-01-05T15:39:00Z' } }, 'hold', null, /no valid quote for AAPL/],
    ['fast EMA already above the slow', { closes: [...SCALPING_EMA_CROSS_UP, 102], quote: quoteAround(102, 5) }, 'hold', null, /^HOLD - waiting for signal: no EMA cross up \(fast EMA already above slow\): fast EMA\(5\) 101\.11 vs slow EMA\(13\) 100\.78 \(previous bar 100\.67 vs 100\.57\)$/],
    ['a steady decline', { closes: SCALPING_EMA_CROSS_UP.slice(0, 39), quote: quoteAround(100.1, 5) }, 'hold', null, /no EMA cross up \(fast EMA not above slow\)/],
    ['flat prices', { closes: Array(40).fill(100), quote: quoteAround(100, 5) }, 'hold', null, /^HOLD - waiting for signal: no EMA cross up \(fast EMA not above slow\): fast EMA\(5\) 100\.00 vs slow EMA\(13\) 100\.00/],
    ['a gap up out of flat prices', { closes: [...Array(39).fill(100), 103], quote: quoteAround(103, 5) }, 'buy', 9, /^fast EMA crossed above slow: fast EMA\(5\) 101\.00 vs slow EMA\(13\) 100\.43/],
    ['just enough bars', { closes: SCALPING_EMA_CROSS_UP.slice(-14), quote: quoteAround(101.6, 5) }, 'buy', 9, /fast EMA crossed above slow/],
    ['not enough bars', { closes: SCALPING_EMA_CROSS_UP.slice(-10), quote: quoteAround(101.6, 5) }, 'hold', null, /^HOLD - not enough data: 10 of 14 bars \(4 missing\) for the EMA\(5\)\/EMA\(13\) cross$/],
    ['crypto fractional qty', { closes: SCALPING_EMA_CROSS_UP.map((c) => c * 430), quote: quoteAround(43688, 2), overrides: { symbol: 'BTC/USD' } }, 'buy', 0.022887, /buying 0\.022887 BTC\/USD at ~43692\.37$/],
    ['budget below one share', { closes: SCALPING_EMA_CROSS_UP, quote: quoteAround(101.6, 5), overrides: { allocated_capital: 100 } }, 'hold', null, /but \$100\.00 buys no AAPL at 101\.63$/],
    ['holding, EMA cross down', { closes: SCALPING_EMA_CROSS_DOWN, position: holding(9) }, 'sell', 9, /^fast EMA crossed below slow: fast EMA\(5\) 99\.33 vs slow EMA\(13\) 99\.43 \(previous bar 99\.80 vs 99\.60\); selling all 9 AAPL \(entry 101\.63\)$/],
    ['holding, a gap down bar', { closes: [...RISING, 90], position: holding(9) }, 'sell', 9, /^fast EMA crossed below slow: fast EMA\(5\) 96\.53 vs slow EMA\(13\) 98\.23/],
    ['holding, fast below slow since the cross', { closes: [...SCALPING_EMA_CROSS_DOWN, 98], position: holding(9) }, 'sell', 9, /^fast EMA below slow since a cross down/],
    ['holding, cross down with a wide spread', { closes: SCALPING_EMA_CROSS_DOWN, quote: quoteAround(98.4, 80), position: holding(9) }, 'sell', 9, /crossed below/],
    ['holding through the cross up', { closes: SCALPING_EMA_CROSS_UP, position: holding(9) }, 'hold', null, new RegExp(`^HOLD - holding 9 AAPL \\(entry 101\\.63\\) until the fast EMA crosses below the slow \\(take profit \\+0\\.5% / stop loss -0\\.3% with the exit monitor\\): fast EMA\\(5\\) 100\\.67`)],
    ['holding crypto, sells the fractional position', { closes: SCALPING_EMA_CROSS_DOWN, position: holding(0.022887, 43692.37), overrides: { symbol: 'BTC/USD' } }, 'sell', 0.022887, /selling all 0\.022887 BTC\/USD/],
    ['short position', { closes: SCALPING_EMA_CROSS_UP, quote: quoteAround(101.6, 5), position: holding(-2) }, 'hold', null, /^HOLD - a short position of 2 AAPL is open; scalping only trades long$/],
  ])('%s', (_name, testCase, action, qty, reason) => {
    const decision = run(testCase);
    expect(decision.action).toBe(action);
    expect(decision.reason).toMatch(reason);
    expect(decision.orders.map((order) => order.qty)).toEqual(qty === null ? [] : [qty]);
  });

  it('buys at market, sized at the ask, and remembers the entry; the exit forgets it', () => {
    const buy = run({ closes: SCALPING_EMA_CROSS_UP, quote: quoteAround(101.6, 5) });
    expect(buy.orders).toEqual([{ symbol: 'AAPL', side: 'buy', type: 'market', timeInForce: 'day', qty: 9 }]);
    expect(buy.nextState).toEqual({ note: 'kept', entry_price: 101.6254, entry_bar: '2026-01-05T15:39:00.000Z', entry_spread_bps: 5 });
    const bars = barsFromCloses(SCALPING_EMA_CROSS_DOWN);
    const sell = scalpingStrategy.decide(decisionInput({ config: config(), bars, position: holding(9), state: buy.nextState }));
    expect(sell.nextState).toEqual({ note: 'kept' });
  });

  it.each([
    [{}, { symbol: 'AAPL', timeframe: '1Min', limit: 40, quotes: ['AAPL'] }],
    [{ symbol: 'eth/usd', fast_ema: 3, slow_ema: 8 }, { symbol: 'ETH/USD', timeframe: '1Min', limit: 25, quotes: ['ETH/USD'] }],
  ])('requests warm-up bars and the quote for %j', (overrides, expected) => {
    expect(scalpingStrategy.marketData(config(overrides), { state: {}, asOf: new Date(0) })).toEqual(expected);
  });

  it('stores the tight exits as defaults, so the exit monitor applies them', () => {
    const validation = validateStrategyConfiguration('scalping', { symbol: 'aapl', allocated_capital: 1000 });
    expect(validation).toEqual({
      ok: true,
      type: 'scalping',
      config: {
        symbol: 'AAPL',
        allocated_capital: 1000,
        timeframe: '1Min',
        fast_ema: 5,
        slow_ema: 13,
        max_spread_bps: 10,
        position_size_pct: 100,
        take_profit_pct: 0.5,
        stop_loss_pct: 0.3,
      },
    });
    expect(validation.ok && exitRulesOf(validation.config)).toEqual({ takeProfitPct: 0.5, stopLossPct: 0.3 });
  });

  it('keeps exits the user sets, including a trailing stop', () => {
    const parsed = config({ take_profit_pct: 1.2, stop_loss_pct: 0.6, trailing_stop_pct: 0.4 });
    expect(exitRulesOf(parsed)).toEqual({ takeProfitPct: 1.2, stopLossPct: 0.6, trailingStopPct: 0.4 });
  });

  it.each([
    [{ fast_ema: 13 }, ['configuration.slow_ema must be greater than fast_ema']],
    [{ fast_ema: 1 }, ['configuration.fast_ema must be a whole number from 2 to 100']],
    [{ timeframe: '5Min' }, ['configuration.timeframe must be 1Min (scalping reads 1-minute bars)']],
    [{ max_spread_bps: 0 }, ['configuration.max_spread_bps must be a number greater than 0 and at most 1000']],
    [{ take_profit_pct: 0 }, ['configuration.take_profit_pct must be a number greater than 0 and at most 1000']],
    [{ stop_loss_pct: 100 }, ['configuration.stop_loss_pct must be a number greater than 0 and below 100']],
  ])('rejects %j naming the field', (overrides, errors) => {
    expect(validateStrategyConfiguration('scalping', { symbol: 'AAPL', allocated_capital: 1000, ...overrides })).toEqual({ ok: false, errors });
  });
});
