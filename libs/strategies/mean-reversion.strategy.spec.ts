import { meanReversionConfigSchema, meanReversionStrategy, type MeanReversionConfig } from './mean-reversion.strategy';
import type { StrategyPosition } from './strategy';
import { barsFromCloses, decisionInput } from './testing/decision-input';
import { alternatingCloses, MEAN_REVERSION_DIP, MEAN_REVERSION_DIP_AND_REVERT } from './testing/signal-series.fixture';
import { validateStrategyConfiguration } from './validate-configuration';

// 20 closes alternating 100/102: mean 101, sd 1, so a close of X has z-score X - 101.
const WINDOW = alternatingCloses(20, 100, 102);

function config(overrides: Record<string, unknown> = {}): MeanReversionConfig {
  return meanReversionConfigSchema.parse({ symbol: 'AAPL', allocated_capital: 1000, ...overrides });
}

const holding = (qty: number, avgEntryPrice = 98.5): StrategyPosition => ({ qty, avgEntryPrice, marketValue: qty * avgEntryPrice });

interface Case {
  closes: number[];
  position?: StrategyPosition | null;
  latestPrice?: number;
  buyingPower?: number;
  overrides?: Record<string, unknown>;
}

function run({ closes, position = null, latestPrice, buyingPower = 100_000, overrides }: Case) {
  return meanReversionStrategy.decide(
    decisionInput({ config: config(overrides), bars: barsFromCloses(closes), position, latestPrice, account: { buyingPower }, state: { note: 'kept' } }),
  );
}

describe('mean_reversion strategy', () => {
  it.each<[string, Case, 'buy' | 'sell' | 'hold', number | null, RegExp]>([
    ['a 2.5 sd dip', { closes: MEAN_REVERSION_DIP }, 'buy', 10, /^z-score -2\.50 below -2\.00 entry \(close 98\.50, 20-bar mean 101\.00, sd 1\.00\); buying 10 AAPL at ~98\.50$/],
    ['a 1.5 sd dip', { closes: [...WINDOW, 99.5] }, 'hold', null, /^HOLD - waiting for signal: z-score -1\.50 not below -2\.00 entry \(close 99\.50, 20-bar mean 101\.00, sd 1\.00\)$/],
    ['exactly at the entry', { closes: [...WINDOW, 99] }, 'hold', null, /z-score -2\.00 not below -2\.00 entry/],
    ['a rise above the mean', { closes: [...WINDOW, 103] }, 'hold', null, /z-score 2\.00 not below/],
    ['a gap down past the stop', { closes: [...WINDOW, 80] }, 'hold', null, /^HOLD - z-score -21\.00 is beyond the -3\.50 stop \(close 80\.00, 20-bar mean 101\.00, sd 1\.00\); not buying a fall past the stop$/],
    ['flat prices', { closes: Array(21).fill(100) }, 'hold', null, /^HOLD - the 20 closes before this bar are all 100\.00 \(sd 0\), so there is no z-score \(close 100\.00\)$/],
    ['a move out of a flat window', { closes: [...Array(20).fill(100), 95] }, 'hold', null, /all 100\.00 \(sd 0\), so there is no z-score \(close 95\.00\)$/],
    ['not enough bars', { closes: WINDOW.slice(0, 12) }, 'hold', null, /^HOLD - not enough data: 12 of 21 bars \(9 missing\) for the 20-bar z-score$/],
    ['no bars at all', { closes: [], latestPrice: 100 }, 'hold', null, /0 of 21 bars \(21 missing\)/],
    ['shorter lookback', { closes: [100, 102, 100, 102, 98.5], overrides: { lookback_bars: 4 } }, 'buy', 10, /4-bar mean 101\.00/],
    ['half the capital', { closes: MEAN_REVERSION_DIP, overrides: { position_size_pct: 50 } }, 'buy', 5, /buying 5 AAPL/],
    ['budget below one share', { closes: MEAN_REVERSION_DIP, overrides: { allocated_capital: 50 } }, 'hold', null, /below -2\.00 entry \(.*\), but \$50\.00 buys no AAPL at 98\.50$/],
    ['buying power short', { closes: MEAN_REVERSION_DIP, buyingPower: 500 }, 'hold', null, /but buying power \$500\.00 is below the \$985\.00 for 10 AAPL$/],
    ['crypto fractional qty', { closes: [...alternatingCloses(20, 43000, 43200), 42850], overrides: { symbol: 'BTC/USD' } }, 'buy', 0.023337, /^z-score -2\.50 below -2\.00 entry \(close 42850\.00, 20-bar mean 43100\.00, sd 100\.00\); buying 0\.023337 BTC\/USD at ~42850\.00$/],
    ['holding, back at the mean', { closes: [...WINDOW, 101], position: holding(10) }, 'sell', 10, /^reverted to the mean: z-score 0\.00 at or above 0\.00 exit \(close 101\.00, 20-bar mean 101\.00, sd 1\.00\); selling all 10 AAPL \(entry 98\.50\)$/],
    ['holding, a gap up', { closes: [...WINDOW, 120], position: holding(10) }, 'sell', 10, /^reverted to the mean: z-score 19\.00/],
    ['holding, still below the mean', { closes: [...WINDOW, 99], position: holding(10) }, 'hold', null, /^HOLD - holding 10 AAPL \(entry 98\.50\); z-score -2\.00 between -3\.50 stop and 0\.00 exit \(close 99\.00, 20-bar mean 101\.00, sd 1\.00\)$/],
    ['holding, falls past the stop', { closes: [...WINDOW, 97], position: holding(10) }, 'sell', 10, /^stop: z-score -4\.00 fell below -3\.50 stop \(close 97\.00, 20-bar mean 101\.00, sd 1\.00\); selling all 10 AAPL/],
    ['holding, a gap down', { closes: [...WINDOW, 80], position: holding(10) }, 'sell', 10, /^stop: z-score -21\.00 fell below -3\.50 stop/],
    ['holding, exit half an sd below the mean', { closes: [...WINDOW, 100.6], position: holding(10), overrides: { exit_z: 0.5 } }, 'sell', 10, /^reverted toward the mean: z-score -0\.40 at or above -0\.50 exit/],
    ['holding, flat window', { closes: Array(21).fill(100), position: holding(10) }, 'hold', null, /^HOLD - holding 10 AAPL \(entry 98\.50\); the 20 closes before this bar are all 100\.00 \(sd 0\)/],
    ['holding crypto, sells the fractional position', { closes: [...WINDOW, 101.5], position: holding(0.023337, 42850), overrides: { symbol: 'BTC/USD' } }, 'sell', 0.023337, /selling all 0\.023337 BTC\/USD \(entry 42850\.00\)$/],
    ['holding with too few bars', { closes: WINDOW.slice(0, 5), position: holding(10) }, 'hold', null, /5 of 21 bars \(16 missing\)/],
    ['short position', { closes: MEAN_REVERSION_DIP, position: holding(-5) }, 'hold', null, /^HOLD - a short position of 5 AAPL is open; mean_reversion only trades long$/],
  ])('%s', (_name, testCase, action, qty, reason) => {
    const decision = run(testCase);
    expect(decision.action).toBe(action);
    expect(decision.reason).toMatch(reason);
    expect(decision.orders.map((order) => order.qty)).toEqual(qty === null ? [] : [qty]);
  });

  it('buys the 2.5 sd dip, holds at -1 sd and sells once the series reverts to its mean', () => {
    let position: StrategyPosition | null = null;
    let state: Record<string, unknown> = {};
    const actions: string[] = [];
    for (let end = 21; end <= MEAN_REVERSION_DIP_AND_REVERT.length; end++) {
      const bars = barsFromCloses(MEAN_REVERSION_DIP_AND_REVERT).slice(end - 21, end);
      const decision = meanReversionStrategy.decide(decisionInput({ config: config(), bars, position, state }));
      actions.push(decision.action);
      if (decision.action === 'buy') position = holding(decision.orders[0].qty!, bars[bars.length - 1].c);
      if (decision.action === 'sell') position = null;
      state = decision.nextState;
    }
    expect(actions).toEqual(['buy', 'hold', 'sell']);
    expect(state).toEqual({});
  });

  it('sends day market orders for equities and gtc for crypto', () => {
    expect(run({ closes: MEAN_REVERSION_DIP }).orders).toEqual([{ symbol: 'AAPL', side: 'buy', type: 'market', timeInForce: 'day', qty: 10 }]);
    const sell = run({ closes: [...WINDOW, 101], position: holding(0.5), overrides: { symbol: 'ETH/USD' } });
    expect(sell.orders).toEqual([{ symbol: 'ETH/USD', side: 'sell', type: 'market', timeInForce: 'gtc', qty: 0.5 }]);
  });

  it('remembers the entry on a buy, forgets it on the exit, and keeps state on hold', () => {
    const buy = run({ closes: MEAN_REVERSION_DIP });
    expect(buy.nextState).toEqual({ note: 'kept', entry_z: -2.5, entry_price: 98.5, entry_bar: '2026-01-05T15:20:00.000Z' });
    const sell = meanReversionStrategy.decide(
      decisionInput({ config: config(), bars: barsFromCloses([...WINDOW, 101]), position: holding(10), state: buy.nextState }),
    );
    expect(sell.nextState).toEqual({ note: 'kept' });
    expect(run({ closes: [...WINDOW, 99.5] }).nextState).toEqual({ note: 'kept' });
  });

  it.each([
    [{}, { symbol: 'AAPL', timeframe: '15Min', limit: 21 }],
    [{ symbol: 'btc/usd', lookback_bars: 50, timeframe: '1Hour' }, { symbol: 'BTC/USD', timeframe: '1Hour', limit: 51 }],
  ])('requests lookback + 1 bars for %j', (overrides, expected) => {
    expect(meanReversionStrategy.marketData(config(overrides), { state: {}, asOf: new Date(0) })).toEqual(expected);
  });

  it('applies the defaults', () => {
    expect(validateStrategyConfiguration('mean_reversion', { symbol: 'aapl', allocated_capital: 1000 })).toEqual({
      ok: true,
      type: 'mean_reversion',
      config: { symbol: 'AAPL', allocated_capital: 1000, timeframe: '15Min', lookback_bars: 20, entry_z: 2, exit_z: 0, stop_z: 3.5, position_size_pct: 100 },
    });
  });

  it.each([
    [{ exit_z: 2 }, ['configuration.exit_z must be less than entry_z']],
    [{ entry_z: 3, stop_z: 3 }, ['configuration.stop_z must be greater than entry_z']],
    [{ entry_z: 0 }, ['configuration.entry_z must be a number greater than 0 and at most 10']],
    [{ exit_z: -11 }, ['configuration.exit_z must be a number from -10 to 10']],
    [{ lookback_bars: 1 }, ['configuration.lookback_bars must be a whole number from 2 to 500']],
    [{ timeframe: '2Min' }, ['configuration.timeframe must be one of 1Min, 5Min, 15Min, 1Hour, 1Day']],
    [{ stop_loss_pct: 100 }, ['configuration.stop_loss_pct must be a number greater than 0 and below 100']],
  ])('rejects %j naming the field', (overrides, errors) => {
    expect(validateStrategyConfiguration('mean_reversion', { symbol: 'AAPL', allocated_capital: 1000, ...overrides })).toEqual({ ok: false, errors });
  });
});
