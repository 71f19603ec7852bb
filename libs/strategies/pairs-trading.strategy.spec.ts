import type { Bar } from '../broker/broker.port';
import { pairsTradingConfigSchema, pairsTradingStrategy, type PairsTradingConfig } from './pairs-trading.strategy';
import type { StrategyPosition } from './strategy';
import { decisionInput } from './testing/decision-input';
import { cointegratedCloses, pairBars, withCurrentPair, type PairCloses } from './testing/pair-series.fixture';
import { validateStrategyConfiguration } from './validate-configuration';

// KO ≈ 2·PEP: PEP walks around 50, KO sits ±0.1 off the line, so the spread's deviation is ~0.1
// and a current KO 0.3 above the line reads as a z-score near +3.
const HISTORY = cointegratedCloses(42, 60, { startB: 50, beta: 2, noise: 0.1 });
const at = (offset: number): PairCloses => withCurrentPair(HISTORY, 2, offset);

function config(overrides: Record<string, unknown> = {}): PairsTradingConfig {
  return pairsTradingConfigSchema.parse({ symbol_a: 'KO', symbol_b: 'PEP', allocated_capital: 10_000, ...overrides });
}

const short = (qty: number): StrategyPosition => ({ qty: -qty, avgEntryPrice: 100, marketValue: -qty * 100 });
const long = (qty: number): StrategyPosition => ({ qty, avgEntryPrice: 50, marketValue: qty * 50 });
const SHORT_SPREAD = { side: 'short_spread', qty_a: 51, qty_b: 102, beta: 2, entry_z: 3, entry_bar: '2026-01-05T20:00:00.000Z' };
const LONG_SPREAD = { ...SHORT_SPREAD, side: 'long_spread', entry_z: -3 };

interface Case {
  closes?: PairCloses;
  bars?: { a: Bar[]; b: Bar[] };
  state?: Record<string, unknown>;
  positions?: { a?: StrategyPosition | null; b?: StrategyPosition | null };
  buyingPower?: number;
  overrides?: Record<string, unknown>;
}

function run({ closes, bars, state = {}, positions = {}, buyingPower = 100_000, overrides }: Case) {
  const series = bars ?? pairBars(closes!);
  return pairsTradingStrategy.decide(
    decisionInput({
      config: config(overrides),
      markets: {
        KO: { bars: series.a, position: positions.a ?? null },
        PEP: { bars: series.b, position: positions.b ?? null },
      },
      account: { buyingPower },
      state: { note: 'kept', ...state },
    }),
  );
}

const HELD_SHORT_SPREAD = { a: short(51), b: long(102) };
const HELD_LONG_SPREAD = { a: long(51), b: short(102) };

// 70 bars of history with PEP missing 5 of them in the middle: 65 aligned times remain.
const LONG_HISTORY = withCurrentPair(cointegratedCloses(42, 69, { startB: 50, beta: 2, noise: 0.1 }), 2, 0.3);
function withoutPepBars(closes: PairCloses, from: number, count: number) {
  const bars = pairBars(closes);
  return { a: bars.a, b: bars.b.filter((_bar, i) => i < from || i >= from + count) };
}

function flatPair(priceA: number, priceB: number): PairCloses {
  return { a: Array(61).fill(priceA), b: Array(61).fill(priceB) };
}

describe('pairs_trading strategy', () => {
  it.each<[string, Case, 'buy' | 'sell' | 'hold', string[], RegExp]>([
    // Flat: entries.
    ['KO rich against PEP: short KO, long PEP', { closes: at(0.3) }, 'buy', ['sell 51 KO', 'buy 102 PEP'],
      /^spread z-score 3\.01 above 2\.00 entry \(β 2\.00 over 60 bars\): short 51 KO, long 102 PEP at ~96\.87 and ~48\.29$/],
    ['KO cheap against PEP: long KO, short PEP (short leg first)', { closes: at(-0.3) }, 'buy', ['sell 102 PEP', 'buy 51 KO'],
      /^spread z-score -2\.99 below -2\.00 entry \(β 2\.00 over 60 bars\): long 51 KO, short 102 PEP/],
    ['spread inside the entry band', { closes: at(0.1) }, 'hold', [], /^HOLD - waiting for signal: spread z-score 1\.01 within ±2\.00 entry \(β 2\.00 over 60 bars\)$/],
    ['spread beyond the stop: no entry', { closes: at(0.5) }, 'hold', [], /^HOLD - spread z-score 5\.01 above 2\.00 entry but beyond the ±4\.00 stop, too far to enter/],
    ['lower entry threshold', { closes: at(0.1), overrides: { entry_z: 1, exit_z: 0.2 } }, 'buy', ['sell 51 KO', 'buy 102 PEP'], /z-score 1\.01 above 1\.00 entry/],
    ['half the capital', { closes: at(0.3), overrides: { position_size_pct: 50 } }, 'buy', ['sell 25 KO', 'buy 50 PEP'], /short 25 KO, long 50 PEP/],
    ['budget below one unit of the spread', { closes: at(0.3), overrides: { allocated_capital: 150 } }, 'hold', [],
      /but \$150\.00 does not cover one KO plus 2\.00 PEP \(\$193\.49\)$/],
    ['buying power short of both legs', { closes: at(0.3), buyingPower: 5000 }, 'hold', [], /but buying power \$5,000\.00 is below the \$9,865\.90 both legs need$/],
    // Flat: data edge cases.
    ['not enough bars', { closes: { a: at(0.3).a.slice(-40), b: at(0.3).b.slice(-40) } }, 'hold', [],
      /^HOLD - not enough data: 40 of 61 aligned bars \(21 missing\) for the 60-bar KO\/PEP spread \(KO has 40 bars, PEP 40; only times both traded count\)$/],
    ['no bars for PEP', { bars: { a: pairBars(at(0.3)).a, b: [] } }, 'hold', [], /0 of 61 aligned bars \(61 missing\).*\(KO has 61 bars, PEP 0;/],
    ['gaps in PEP leave too few aligned bars', { bars: withoutPepBars(at(0.3), 10, 5) }, 'hold', [], /56 of 61 aligned bars \(5 missing\).*\(KO has 61 bars, PEP 56;/],
    ['gaps in PEP with enough aligned bars left', { bars: withoutPepBars(LONG_HISTORY, 20, 5) }, 'buy', ['sell 52 KO', 'buy 104 PEP'], /above 2\.00 entry \(β 2\.00 over 60 bars\)/],
    ['bar times that never line up', { bars: { a: pairBars(at(0.3)).a, b: pairBars(at(0.3)).b.map((bar) => ({ ...bar, t: new Date(Date.parse(bar.t) + 60_000).toISOString() })) } },
      'hold', [], /0 of 61 aligned bars/],
    ['flat prices', { closes: flatPair(100, 50) }, 'hold', [], /^HOLD - the KO\/PEP spread did not move over the 60 bars \(standard deviation 0\), so it has no z-score$/],
    ['PEP flat while KO moves', { closes: { a: at(0.3).a, b: Array(61).fill(50) } }, 'hold', [], /^HOLD - hedge ratio β 0 over 60 bars is not positive/],
    ['inversely moving pair', { closes: withCurrentPair(cointegratedCloses(7, 60, { startB: 50, beta: -2, intercept: 200, noise: 0.1 }), -2, 0.3, 200) },
      'hold', [], /^HOLD - hedge ratio β -1\.99 over 60 bars is not positive: KO and PEP did not move together, and pairs_trading only trades a pair that does$/],
    // In a short spread (short KO, long PEP).
    ['short spread converged: close both, cover first', { closes: at(0), state: { pair: SHORT_SPREAD }, positions: HELD_SHORT_SPREAD }, 'sell', ['buy 51 KO', 'sell 102 PEP'],
      /^spread z-score 0\.00 back below the 0\.50 exit \(β 2\.00 from entry, over 60 bars\): closing short 51 KO, long 102 PEP$/],
    ['short spread overshot past zero: close both', { closes: at(-0.3), state: { pair: SHORT_SPREAD }, positions: HELD_SHORT_SPREAD }, 'sell', ['buy 51 KO', 'sell 102 PEP'], /z-score -3\.00 back below/],
    ['short spread still wide: hold', { closes: at(0.2), state: { pair: SHORT_SPREAD }, positions: HELD_SHORT_SPREAD }, 'hold', [],
      /^HOLD - holding short 51 KO, long 102 PEP \(entered at z 3\.00\): spread z-score 2\.00 between the 0\.50 exit and 4\.00 stop \(β 2\.00 from entry, over 60 bars\)$/],
    ['short spread blew out: stop', { closes: at(0.5), state: { pair: SHORT_SPREAD }, positions: HELD_SHORT_SPREAD }, 'sell', ['buy 51 KO', 'sell 102 PEP'],
      /^stop: spread z-score 5\.00 beyond the 4\.00 stop \(β 2\.00 from entry, over 60 bars\): closing short 51 KO, long 102 PEP$/],
    // In a long spread (long KO, short PEP).
    ['long spread converged: cover PEP first', { closes: at(0), state: { pair: LONG_SPREAD }, positions: HELD_LONG_SPREAD }, 'sell', ['buy 102 PEP', 'sell 51 KO'],
      /^spread z-score 0\.00 back above the -0\.50 exit .*: closing long 51 KO, short 102 PEP$/],
    ['long spread still wide: hold', { closes: at(-0.3), state: { pair: LONG_SPREAD }, positions: HELD_LONG_SPREAD }, 'hold', [], /between the -0\.50 exit and -4\.00 stop/],
    ['long spread blew out: stop', { closes: at(-0.5), state: { pair: LONG_SPREAD }, positions: HELD_LONG_SPREAD }, 'sell', ['buy 102 PEP', 'sell 51 KO'], /^stop: spread z-score -5\.00 beyond the -4\.00 stop/],
    // Cross-checks with the account.
    ['a leg closed outside the strategy is not traded', { closes: at(0), state: { pair: SHORT_SPREAD }, positions: { a: short(51), b: null } }, 'sell', ['buy 51 KO'],
      /closing short 51 KO, long 102 PEP \(PEP is no longer held in the account, so only the other leg is closed\)$/],
    ['neither leg held at the exit: forget the pair', { closes: at(0), state: { pair: SHORT_SPREAD } }, 'hold', [],
      /^HOLD - spread z-score 0\.00 back below the 0\.50 exit .*, but the account holds neither KO nor PEP any more; forgetting the pair \(short 51 KO, long 102 PEP\)$/],
    ['holding while the account shows neither leg', { closes: at(0.2), state: { pair: SHORT_SPREAD } }, 'hold', [], /; the account shows no KO or PEP position$/],
    ['not enough bars while holding', { closes: { a: at(0).a.slice(-10), b: at(0).b.slice(-10) }, state: { pair: SHORT_SPREAD }, positions: HELD_SHORT_SPREAD }, 'hold', [], /10 of 61 aligned bars/],
    // After a stop.
    ['stopped out, divergence persists: no re-entry', { closes: at(0.3), state: { stopped_out: { side: 'short_spread', z: 4.2 } } }, 'hold', [],
      /^HOLD - stopped out of this divergence; spread z-score 3\.01 must come back within ±2\.00 before a new entry/],
  ])('%s', (_name, testCase, action, legs, reason) => {
    const decision = run(testCase);
    expect(decision.action).toBe(action);
    expect(decision.reason).toMatch(reason);
    expect(decision.orders.map((order) => `${order.side} ${order.qty} ${order.symbol}`)).toEqual(legs);
    expect(decision.placement).toBe(legs.length > 0 ? 'unit' : undefined);
  });

  it('sends day market orders in whole shares, with PEP about twice KO (β 2)', () => {
    const { orders } = run({ closes: at(0.3) });
    expect(orders).toEqual([
      { symbol: 'KO', side: 'sell', type: 'market', timeInForce: 'day', qty: 51 },
      { symbol: 'PEP', side: 'buy', type: 'market', timeInForce: 'day', qty: 102 },
    ]);
  });

  it('remembers the pair on entry, forgets it on exit and keeps the rest of the state', () => {
    const entry = run({ closes: at(0.3) });
    expect(entry.nextState).toEqual({
      note: 'kept',
      pair: { side: 'short_spread', qty_a: 51, qty_b: 102, beta: expect.closeTo(2, 2), entry_z: expect.closeTo(3.01, 2), entry_bar: pairBars(at(0.3)).a[60].t },
    });
    const exit = run({ closes: at(0), state: entry.nextState, positions: HELD_SHORT_SPREAD });
    expect(exit.action).toBe('sell');
    expect(exit.nextState).toEqual({ note: 'kept' });
  });

  it('after a stop, waits for the spread to come back before entering again', () => {
    const stop = run({ closes: at(0.5), state: { pair: SHORT_SPREAD }, positions: HELD_SHORT_SPREAD });
    expect(stop.nextState).toEqual({ note: 'kept', stopped_out: { side: 'short_spread', z: expect.closeTo(5, 2), bar: pairBars(at(0.5)).a[60].t } });
    expect(run({ closes: at(0.3), state: stop.nextState }).action).toBe('hold');
    const back = run({ closes: at(0.1), state: stop.nextState });
    expect(back.nextState).toEqual({ note: 'kept' });
    expect(run({ closes: at(0.3), state: back.nextState }).action).toBe('buy');
  });

  it('leaves state untouched on hold', () => {
    expect(run({ closes: at(0.1) }).nextState).toEqual({ note: 'kept' });
  });

  it.each([
    [{}, { symbol: 'KO', timeframe: '15Min', limit: 61, otherSymbols: ['PEP'] }],
    [{ symbol_a: 'spy', symbol_b: 'qqq', lookback_bars: 20, timeframe: '1Hour' }, { symbol: 'SPY', timeframe: '1Hour', limit: 21, otherSymbols: ['QQQ'] }],
  ])('requests lookback + 1 bars of both symbols for %j', (overrides, expected) => {
    expect(pairsTradingStrategy.marketData(config(overrides), { state: {}, asOf: new Date(0) })).toEqual(expected);
  });

  it.each([
    [{ symbol_a: 'BTC/USD' }, 'configuration.symbol_a must be an equity ticker like KO, not a crypto pair: one leg of a pair trade is sold short, and Alpaca cannot short crypto'],
    [{ symbol_b: 'ETH/USD' }, 'configuration.symbol_b must be an equity ticker like KO, not a crypto pair: one leg of a pair trade is sold short, and Alpaca cannot short crypto'],
    [{ symbol_b: 'ko' }, 'configuration.symbol_b must be a different symbol from symbol_a'],
    [{ symbol_b: undefined }, 'configuration.symbol_b is required'],
    [{ exit_z: 2 }, 'configuration.exit_z must be less than entry_z'],
    [{ stop_z: 1.5 }, 'configuration.stop_z must be greater than entry_z'],
    [{ entry_z: 0 }, 'configuration.entry_z must be a number greater than 0 and at most 10'],
    [{ lookback_bars: 5 }, 'configuration.lookback_bars must be a whole number from 10 to 500'],
    [{ timeframe: '2Min' }, 'configuration.timeframe must be one of 1Min, 5Min, 15Min, 1Hour, 1Day'],
    [{ take_profit_pct: 5 }, 'configuration has unknown fields take_profit_pct'],
  ])('refuses %j naming the field', (overrides, error) => {
    const result = validateStrategyConfiguration('pairs_trading', { symbol_a: 'KO', symbol_b: 'PEP', allocated_capital: 10_000, ...overrides });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors[0]).toBe(error);
  });

  it('applies the defaults', () => {
    expect(config()).toEqual({ symbol_a: 'KO', symbol_b: 'PEP', allocated_capital: 10_000, timeframe: '15Min', lookback_bars: 60, entry_z: 2, exit_z: 0.5, stop_z: 4, position_size_pct: 100 });
  });
});

// The README example, bar for bar: what an e2e test posts to the paper exchange (POST /admin/bars,
// 15Min, 21 bars each) and the decision it must produce.
describe('pairs_trading README example (SPY against QQQ)', () => {
  const qqq = Array.from({ length: 21 }, (_, i) => 440 + 0.5 * i);
  // SPY tracks 1.2 x QQQ within ±1, then closes 3 above the line on the current bar.
  const spy = qqq.map((price, i) => Number((1.2 * price + (i === 20 ? 3 : i % 2 === 0 ? 1 : -1)).toFixed(2)));

  it('shorts SPY and buys QQQ as one unit', () => {
    const example = pairsTradingConfigSchema.parse({ symbol_a: 'SPY', symbol_b: 'QQQ', allocated_capital: 10_000, lookback_bars: 20 });
    const bars = pairBars({ a: spy, b: qqq });
    const decision = pairsTradingStrategy.decide(
      decisionInput({ config: example, markets: { SPY: { bars: bars.a }, QQQ: { bars: bars.b } } }),
    );
    expect(decision.reason).toBe('spread z-score 3.17 above 2.00 entry (β 1.17 over 20 bars): short 9 SPY, long 11 QQQ at ~543.00 and ~450.00');
    expect(decision.orders.map((order) => `${order.side} ${order.qty} ${order.symbol}`)).toEqual(['sell 9 SPY', 'buy 11 QQQ']);
    expect(decision.placement).toBe('unit');
  });
});
