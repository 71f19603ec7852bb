import type { NewsArticle } from '../broker/broker.port';
import { newsBasedTradingConfigSchema, newsBasedTradingStrategy, type NewsBasedTradingConfig } from './news-based-trading.strategy';
import type { StrategyPosition } from './strategy';
import { decisionInput } from './testing/decision-input';
import { validateStrategyConfiguration } from './validate-configuration';

// The run happens at 15:30 UTC; with the default 60-minute lookback the first run reads from 14:30.
const AS_OF = new Date('2026-01-05T15:30:00Z');

function config(overrides: Record<string, unknown> = {}): NewsBasedTradingConfig {
  return newsBasedTradingConfigSchema.parse({ symbol: 'AAPL', allocated_capital: 1000, ...overrides });
}

function article(id: string, headline: string, time: string, summary = ''): NewsArticle {
  return { id, headline, summary, source: 'test', symbols: ['AAPL'], createdAt: `2026-01-05T${time}:00Z` };
}

const holding = (qty: number): StrategyPosition => ({ qty, avgEntryPrice: 190, marketValue: qty * 190 });

interface Case {
  news: NewsArticle[];
  position?: StrategyPosition | null;
  overrides?: Record<string, unknown>;
  state?: Record<string, unknown>;
  asOf?: Date;
}

function run({ news, position = null, overrides, state = {}, asOf = AS_OF }: Case) {
  return newsBasedTradingStrategy.decide(decisionInput({ config: config(overrides), asOf, latestPrice: 200, position, news, state }));
}

const BEATS = article('n1', 'Apple beats estimates, raises guidance', '15:10');
const UPGRADE = article('n2', 'Analysts upgrade Apple', '15:20');
const PROBE = article('n3', 'Apple faces DOJ probe', '15:05');
const RECALL = article('n4', 'iPhone recall widens', '15:15');
const LAWSUIT = article('n5', 'Apple hit with lawsuit', '15:25');
const NOT_MISS = article('n6', 'Apple did not miss estimates', '15:12');
const SURGES = article('n7', 'Apple shares surge', '15:00');
const SUMMARY_ONLY = article('n8', 'Apple to hold developer event', '15:01', 'Analysts upgrade the stock ahead of it');

describe('news_based_trading strategy', () => {
  it.each<[string, Case, 'buy' | 'sell' | 'hold', number | null, string]>([
    [
      'clearly positive headlines while flat',
      { news: [BEATS, UPGRADE] },
      'buy',
      5,
      `news score +6.0 from 2 new headlines is at or above the +2.0 buy threshold: "Apple beats estimates, raises guidance" +4.0 (+2.0 'beats', +2.0 'raises guidance') | "Analysts upgrade Apple" +2.0 (+2.0 'upgrade'); buying 5 AAPL at ~200.00`,
    ],
    [
      'negative headlines while long',
      { news: [PROBE, RECALL], position: holding(5) },
      'sell',
      5,
      `news score -3.0 from 2 new headlines is at or below the -2.0 sell threshold: "Apple faces DOJ probe" -1.5 (-1.5 'probe') | "iPhone recall widens" -1.5 (-1.5 'recall'); selling all 5 AAPL (entry 190.00)`,
    ],
    [
      'mixed headlines below the buy threshold',
      { news: [article('n10', 'Apple beats estimates', '15:10'), LAWSUIT] },
      'hold',
      null,
      `HOLD - news score +0.5 from 2 new headlines is below the +2.0 buy threshold: "Apple beats estimates" +2.0 (+2.0 'beats') | "Apple hit with lawsuit" -1.5 (-1.5 'lawsuit')`,
    ],
    [
      'a negated miss is good news',
      { news: [NOT_MISS] },
      'buy',
      5,
      `news score +2.0 from 1 new headline is at or above the +2.0 buy threshold: "Apple did not miss estimates" +2.0 (+2.0 'not miss'); buying 5 AAPL at ~200.00`,
    ],
    ['no news at all', { news: [] }, 'hold', null, 'HOLD - no new headlines for AAPL since 14:30 UTC'],
    [
      'news outside [since, asOf] is not read',
      { news: [article('old', 'Apple beats', '14:29'), article('future', 'Apple beats', '15:31')] },
      'hold',
      null,
      'HOLD - no new headlines for AAPL since 14:30 UTC',
    ],
    [
      'negative while flat: nothing to sell',
      { news: [PROBE, RECALL] },
      'hold',
      null,
      `HOLD - news score -3.0 from 2 new headlines is at or below the -2.0 sell threshold, but there is no AAPL position to sell: "Apple faces DOJ probe" -1.5 (-1.5 'probe') | "iPhone recall widens" -1.5 (-1.5 'recall')`,
    ],
    [
      'positive while already long',
      { news: [UPGRADE], position: holding(5) },
      'hold',
      null,
      `HOLD - already holding 5 AAPL (entry 190.00); news score +2.0 from 1 new headline is at or above the +2.0 buy threshold: "Analysts upgrade Apple" +2.0 (+2.0 'upgrade')`,
    ],
    [
      'mildly negative while long',
      { news: [LAWSUIT], position: holding(5) },
      'hold',
      null,
      `HOLD - holding 5 AAPL (entry 190.00); news score -1.5 from 1 new headline is above the -2.0 sell threshold: "Apple hit with lawsuit" -1.5 (-1.5 'lawsuit')`,
    ],
    [
      'too few headlines for min_headlines',
      { news: [UPGRADE], overrides: { min_headlines: 2 } },
      'hold',
      null,
      `HOLD - news score +2.0 from 1 new headline is at or above the +2.0 buy threshold, but min_headlines is 2: "Analysts upgrade Apple" +2.0 (+2.0 'upgrade')`,
    ],
    [
      'a summary counts half',
      { news: [SUMMARY_ONLY], overrides: { buy_threshold: 1 } },
      'buy',
      5,
      `news score +1.0 from 1 new headline is at or above the +1.0 buy threshold: "Apple to hold developer event" +1.0 (+1.0 'upgrade' in summary); buying 5 AAPL at ~200.00`,
    ],
    ['smaller position size', { news: [BEATS], overrides: { position_size_pct: 50 } }, 'buy', 2, ''],
    ['budget below one share', { news: [BEATS], overrides: { allocated_capital: 150 } }, 'hold', null, ''],
    [
      'short position',
      { news: [BEATS], position: holding(-3) },
      'hold',
      null,
      'HOLD - a short position of 3 AAPL is open; news_based_trading only trades long',
    ],
  ])('%s', (_name, testCase, action, qty, reason) => {
    const decision = run(testCase);
    expect(decision.action).toBe(action);
    if (reason) expect(decision.reason).toBe(reason);
    expect(decision.orders.map((order) => order.qty)).toEqual(qty === null ? [] : [qty]);
  });

  it('sends a whole-share market buy and a market sell of the whole position', () => {
    expect(run({ news: [BEATS] }).orders).toEqual([{ symbol: 'AAPL', side: 'buy', type: 'market', timeInForce: 'day', qty: 5 }]);
    expect(run({ news: [PROBE, RECALL], position: holding(7) }).orders).toEqual([
      { symbol: 'AAPL', side: 'sell', type: 'market', timeInForce: 'day', qty: 7 },
    ]);
  });

  it('holds, saying how much budget buys, when a share costs more', () => {
    expect(run({ news: [BEATS], overrides: { allocated_capital: 150 } }).reason).toMatch(/, but \$150\.00 buys no AAPL at 200\.00$/);
  });

  it('never counts a headline twice, even when the news endpoint returns it again', () => {
    const surge = { ...SURGES, createdAt: '2026-01-05T15:25:00Z' };
    const first = run({ news: [surge] });
    expect(first.reason).toBe(`HOLD - news score +1.5 from 1 new headline is below the +2.0 buy threshold: "Apple shares surge" +1.5 (+1.5 'surge')`);
    expect(first.nextState).toEqual({ news_cursor: '2026-01-05T15:25:00.000Z', news_seen_ids: ['n7'] });

    // Five minutes on, `since` is the cursor (inclusive): the surge comes back beside a new +1 headline.
    const later = new Date('2026-01-05T15:35:00Z');
    const rally = article('n9', 'Apple rallies', '15:25');
    const second = run({ news: [surge, rally], state: first.nextState, asOf: later });
    expect(second.action).toBe('hold');
    expect(second.reason).toBe(`HOLD - news score +1.0 from 1 new headline is below the +2.0 buy threshold: "Apple rallies" +1.0 (+1.0 'rallies')`);
    expect(second.nextState).toEqual({ news_cursor: '2026-01-05T15:25:00.000Z', news_seen_ids: ['n7', 'n9'] });

    const third = run({ news: [surge, rally], state: second.nextState, asOf: new Date('2026-01-05T15:40:00Z') });
    expect(third.reason).toBe('HOLD - no new headlines for AAPL since 15:25 UTC (2 headlines already read)');
    expect(third.nextState).toBe(second.nextState);
  });

  it('does not buy again on the headline it bought on', () => {
    const buy = run({ news: [BEATS] });
    expect(buy.action).toBe('buy');
    // The order may not have filled yet, so the position can still read flat.
    const next = run({ news: [BEATS], state: buy.nextState, asOf: new Date('2026-01-05T15:35:00Z') });
    expect(next.action).toBe('hold');
    expect(next.reason).toBe('HOLD - no new headlines for AAPL since 15:10 UTC (1 headline already read)');
  });

  it('keeps the state it was given and adds only the cursor and the ids read', () => {
    const decision = run({ news: [UPGRADE, PROBE], state: { note: 'kept' } });
    expect(decision.nextState).toEqual({ note: 'kept', news_cursor: '2026-01-05T15:20:00.000Z', news_seen_ids: ['n3', 'n2'] });
    expect(run({ news: [], state: { note: 'kept' } }).nextState).toEqual({ note: 'kept' });
  });

  describe('marketData', () => {
    const request = (state: Record<string, unknown>, overrides: Record<string, unknown> = {}) =>
      newsBasedTradingStrategy.marketData(config(overrides), { state, asOf: AS_OF });

    it('reads the lookback on the first run', () => {
      expect(request({})).toEqual({
        symbol: 'AAPL',
        timeframe: '1Day',
        limit: 1,
        news: { symbols: ['AAPL'], since: new Date('2026-01-05T14:30:00Z'), limit: 50 },
      });
      expect(request({}, { lookback_minutes: 15, symbol: 'btc/usd' }).news).toEqual({
        symbols: ['BTC/USD'],
        since: new Date('2026-01-05T15:15:00Z'),
        limit: 50,
      });
    });

    it('reads on from the cursor the last run left', () => {
      const { nextState } = run({ news: [BEATS, UPGRADE] });
      expect(request(nextState).news?.since).toEqual(new Date('2026-01-05T15:20:00Z'));
    });

    it('never reads further back than the lookback, after a pause', () => {
      expect(request({ news_cursor: '2026-01-02T10:00:00.000Z' }).news?.since).toEqual(new Date('2026-01-05T14:30:00Z'));
    });

    it('ignores a corrupt cursor', () => {
      expect(request({ news_cursor: 'yesterday', news_seen_ids: 'n1' }).news?.since).toEqual(new Date('2026-01-05T14:30:00Z'));
    });
  });

  describe('configuration', () => {
    it('applies the defaults', () => {
      expect(config()).toEqual({
        symbol: 'AAPL',
        allocated_capital: 1000,
        lookback_minutes: 60,
        buy_threshold: 2,
        sell_threshold: -2,
        min_headlines: 1,
        position_size_pct: 100,
      });
    });

    it.each([
      [{ buy_threshold: 1, sell_threshold: 1 }, 'configuration.buy_threshold must be greater than sell_threshold'],
      [{ buy_threshold: -3 }, 'configuration.buy_threshold must be greater than sell_threshold'],
      [{ buy_threshold: 'high' }, 'configuration.buy_threshold must be a number from -100 to 100'],
      [{ sell_threshold: -500 }, 'configuration.sell_threshold must be a number from -100 to 100'],
      [{ lookback_minutes: 0 }, 'configuration.lookback_minutes must be a whole number from 1 to 10080'],
      [{ min_headlines: 51 }, 'configuration.min_headlines must be a whole number from 1 to 50'],
      [{ position_size_pct: 0 }, 'configuration.position_size_pct must be a number greater than 0 and at most 100'],
      [{ keywords: ['beats'] }, 'configuration has unknown fields keywords'],
    ])('rejects %j naming the field', (overrides, error) => {
      const result = validateStrategyConfiguration('news_based_trading', { symbol: 'AAPL', allocated_capital: 1000, ...overrides });
      expect(result).toEqual({ ok: false, errors: [error] });
    });
  });
});
