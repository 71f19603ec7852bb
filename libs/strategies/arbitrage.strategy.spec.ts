import type { BrokerQuote } from '../broker/broker.port';
import { arbitrageConfigSchema, arbitrageStrategy, type ArbitrageConfig } from './arbitrage.strategy';
import type { Decision } from './strategy';
import { decisionInput } from './testing/decision-input';
import { validateStrategyConfiguration } from './validate-configuration';

const quote = (bid: number, ask: number): BrokerQuote => ({ bid, ask, bidSize: 1, askSize: 1, timestamp: '2026-01-05T15:00:00Z' });

// BTC/USDT × USDT/USD: buying BTC this way costs 100010 × 1.0001 = 100020.001 USD, selling it
// brings 99990 × 0.9999 = 99980.001 USD. Each case sets BTC/USD against that.
const STABLE: Record<string, BrokerQuote> = { 'BTC/USDT': quote(99990, 100010), 'USDT/USD': quote(0.9999, 1.0001) };
const withBtcUsd = (bid: number, ask: number) => ({ ...STABLE, 'BTC/USD': quote(bid, ask) });
// ETH/BTC × BTC/USD costs 0.03 × 100010 = 3000.30 USD per ETH; ETH/USD bids 3099.
const TRIANGLE = { 'BTC/USD': quote(99990, 100010), 'ETH/USD': quote(3099, 3101), 'ETH/BTC': quote(0.0299, 0.03) };

function config(overrides: Record<string, unknown> = {}): ArbitrageConfig {
  return arbitrageConfigSchema.parse({ trade_notional_usd: 1000, allocated_capital: 5000, ...overrides });
}

interface Case {
  quotes: Record<string, BrokerQuote>;
  overrides?: Record<string, unknown>;
  buyingPower?: number;
  state?: Record<string, unknown>;
}

function run({ quotes, overrides, buyingPower = 100_000, state = { note: 'kept' } }: Case): Decision {
  return arbitrageStrategy.decide(decisionInput({ config: config(overrides), quotes, account: { buyingPower }, state }));
}

const legs = (decision: Decision) => decision.orders.map((order) => `${order.side} ${order.qty} ${order.symbol}`);

describe('arbitrage strategy', () => {
  it.each<[string, Case, string, string[]]>([
    [
      'no edge: both ways round lose the fees',
      { quotes: withBtcUsd(100000, 100020) },
      'HOLD - best edge -76.8 bps after 75 bps fees, not above the 10 bps threshold (USD→USDT→BTC→USD -76.8 bps, USD→BTC→USDT→USD -78.8 bps)',
      [],
    ],
    [
      'edge just below the threshold',
      { quotes: withBtcUsd(100870, 100890) },
      'HOLD - best edge 9.5 bps after 75 bps fees, not above the 10 bps threshold (USD→USDT→BTC→USD 9.5 bps, USD→BTC→USDT→USD -164.3 bps)',
      [],
    ],
    [
      'edge just above the threshold: BTC/USD rich, buy it through USDT',
      { quotes: withBtcUsd(100880, 100900) },
      'BTC/USD bid 100880.00 is 0.86% above BTC/USDT×USDT/USD ask 100020.00: net edge 10.5 bps after 75 bps fees (threshold 10 bps); ' +
        'buy 999.900009 USDT/USD, buy 0.009973 BTC/USDT, sell 0.009948 BTC/USD; expected edge $1.05 on $1,000.00',
      ['buy 999.900009 USDT/USD', 'buy 0.009973 BTC/USDT', 'sell 0.009948 BTC/USD'],
    ],
    [
      'BTC/USD cheap: buy it directly, sell through USDT',
      { quotes: withBtcUsd(97990, 98000) },
      'BTC/USDT×USDT/USD bid 99980.00 is 2.02% above BTC/USD ask 98000.00: net edge 125.7 bps after 75 bps fees (threshold 10 bps); ' +
        'buy 0.010204 BTC/USD, sell 0.010178 BTC/USDT, sell 1015.153974 USDT/USD; expected edge $12.57 on $999.99',
      ['buy 0.010204 BTC/USD', 'sell 0.010178 BTC/USDT', 'sell 1015.153974 USDT/USD'],
    ],
    [
      'a higher threshold holds the same 42.3 bps edge',
      { quotes: withBtcUsd(101200, 101220), overrides: { min_edge_bps: 50 } },
      'HOLD - best edge 42.3 bps after 75 bps fees, not above the 50 bps threshold (USD→USDT→BTC→USD 42.3 bps, USD→BTC→USDT→USD -196.4 bps)',
      [],
    ],
    [
      'without fees a 2 bps gap is enough at threshold 0',
      { quotes: withBtcUsd(100040, 100060), overrides: { fee_bps: 0, min_edge_bps: 0 } },
      'BTC/USD bid 100040.00 is 0.02% above BTC/USDT×USDT/USD ask 100020.00: net edge 2 bps after 0 bps fees (threshold 0 bps); ' +
        'buy 999.900009 USDT/USD, buy 0.009998 BTC/USDT, sell 0.009998 BTC/USD; expected edge $0.20 on $1,000.00',
      ['buy 999.900009 USDT/USD', 'buy 0.009998 BTC/USDT', 'sell 0.009998 BTC/USD'],
    ],
    [
      'triangle: ETH/USD rich against ETH/BTC × BTC/USD',
      { quotes: TRIANGLE, overrides: { route: 'triangle' } },
      'ETH/USD bid 3099.00 is 3.29% above ETH/BTC×BTC/USD ask 3000.30: net edge 251.7 bps after 75 bps fees (threshold 10 bps); ' +
        'buy 0.009999 BTC/USD, buy 0.332466 ETH/BTC, sell 0.331634 ETH/USD; expected edge $25.17 on $1,000.00',
      ['buy 0.009999 BTC/USD', 'buy 0.332466 ETH/BTC', 'sell 0.331634 ETH/USD'],
    ],
    [
      'buying power below trade_notional_usd caps the cycle',
      { quotes: withBtcUsd(101200, 101220), buyingPower: 500 },
      'BTC/USD bid 101200.00 is 1.18% above BTC/USDT×USDT/USD ask 100020.00: net edge 42.3 bps after 75 bps fees (threshold 10 bps); ' +
        'buy 499.950004 USDT/USD, buy 0.004986 BTC/USDT, sell 0.004973 BTC/USD; expected edge $2.11 on $500.00 (capped at buying power)',
      ['buy 499.950004 USDT/USD', 'buy 0.004986 BTC/USDT', 'sell 0.004973 BTC/USD'],
    ],
    [
      'buying power under $1',
      { quotes: withBtcUsd(101200, 101220), buyingPower: 0.5 },
      'HOLD - BTC/USD bid 101200.00 is 1.18% above BTC/USDT×USDT/USD ask 100020.00, but buying power $0.50 is below the $1.00 minimum order',
      [],
    ],
    [
      'trade_notional_usd under $1',
      { quotes: withBtcUsd(101200, 101220), overrides: { trade_notional_usd: 0.5 } },
      'HOLD - BTC/USD bid 101200.00 is 1.18% above BTC/USDT×USDT/USD ask 100020.00, but trade_notional_usd $0.50 is below the $1.00 minimum order',
      [],
    ],
    [
      'a leg that rounds to nothing',
      {
        quotes: { 'BTC/USD': quote(2_100_000, 2_101_000), 'BTC/USDT': quote(1_999_000, 2_000_000), 'USDT/USD': quote(0.9999, 1.0001) },
        overrides: { trade_notional_usd: 1 },
      },
      'HOLD - BTC/USD bid 2100000.00 is 4.99% above BTC/USDT×USDT/USD ask 2000200.00, but $1.00 leaves less than 0.000001 to buy on BTC/USDT',
      [],
    ],
    [
      'missing quote',
      { quotes: { 'BTC/USD': quote(101200, 101220), 'BTC/USDT': quote(99990, 100010) } },
      'HOLD - no quote for USDT/USD; the stablecoin route needs live quotes for BTC/USD, BTC/USDT, USDT/USD',
      [],
    ],
    [
      'crossed quote',
      { quotes: { ...withBtcUsd(101200, 101220), 'BTC/USDT': quote(100010, 99990) } },
      'HOLD - BTC/USDT quote is crossed (bid 100010, ask 99990: bid not below ask); the stablecoin route needs live quotes for BTC/USD, BTC/USDT, USDT/USD',
      [],
    ],
    [
      'locked quote (bid equals ask)',
      { quotes: { ...withBtcUsd(101200, 101220), 'USDT/USD': quote(1.0001, 1.0001) } },
      'HOLD - USDT/USD quote is crossed (bid 1.0001, ask 1.0001: bid not below ask); the stablecoin route needs live quotes for BTC/USD, BTC/USDT, USDT/USD',
      [],
    ],
    [
      'zero bid',
      { quotes: withBtcUsd(0, 101220) },
      'HOLD - BTC/USD quote has no usable price (bid 0, ask 101220); the stablecoin route needs live quotes for BTC/USD, BTC/USDT, USDT/USD',
      [],
    ],
    [
      'triangle with its cross pair missing',
      { quotes: { 'BTC/USD': quote(99990, 100010), 'ETH/USD': quote(3099, 3101) }, overrides: { route: 'triangle' } },
      'HOLD - no quote for ETH/BTC; the triangle route needs live quotes for BTC/USD, ETH/USD, ETH/BTC',
      [],
    ],
  ])('%s', (_name, testCase, reason, expectedLegs) => {
    const decision = run(testCase);
    expect(decision.reason).toBe(reason);
    expect(legs(decision)).toEqual(expectedLegs);
    expect(decision.action).toBe(expectedLegs.length ? 'buy' : 'hold');
  });

  it('sends the legs as one unit of gtc market orders', () => {
    const decision = run({ quotes: withBtcUsd(101200, 101220) });
    expect(decision.placement).toBe('unit');
    expect(decision.orders).toEqual([
      { symbol: 'USDT/USD', side: 'buy', type: 'market', timeInForce: 'gtc', qty: 999.900009 },
      { symbol: 'BTC/USDT', side: 'buy', type: 'market', timeInForce: 'gtc', qty: 0.009973 },
      { symbol: 'BTC/USD', side: 'sell', type: 'market', timeInForce: 'gtc', qty: 0.009948 },
    ]);
  });

  // After rounding down and the credited-side fee, no leg spends more than the one before delivered.
  it.each([1, 7.77, 123.45, 500, 999.99, 1000, 4321.987])('never lets a leg outspend the one before, budget $%d', (budget) => {
    const fee = 1 - 25 / 10_000;
    const rich = run({ quotes: withBtcUsd(101200, 101220), overrides: { trade_notional_usd: budget } }).orders.map((o) => o.qty!);
    expect(rich[0] * 1.0001).toBeLessThanOrEqual(budget);
    expect(rich[1] * 100010).toBeLessThanOrEqual(rich[0] * fee);
    expect(rich[2]).toBeLessThanOrEqual(rich[1] * fee);
    const cheap = run({ quotes: withBtcUsd(97990, 98000), overrides: { trade_notional_usd: budget } }).orders.map((o) => o.qty!);
    expect(cheap[0] * 98000).toBeLessThanOrEqual(budget);
    expect(cheap[1]).toBeLessThanOrEqual(cheap[0] * fee);
    expect(cheap[2]).toBeLessThanOrEqual(cheap[1] * 99990 * fee);
  });

  it('counts cycles and the expected edge in USD, keeping the rest of the state', () => {
    const first = run({ quotes: withBtcUsd(101200, 101220) });
    expect(first.nextState).toEqual({ note: 'kept', cycles: 1, expected_edge_usd: 4.23, last_cycle_at: '2026-01-05T15:30:00.000Z' });
    const second = run({ quotes: withBtcUsd(97990, 98000), state: first.nextState });
    expect(second.nextState).toEqual({ note: 'kept', cycles: 2, expected_edge_usd: 16.8, last_cycle_at: '2026-01-05T15:30:00.000Z' });
    expect(run({ quotes: withBtcUsd(100000, 100020), state: second.nextState }).nextState).toBe(second.nextState);
  });

  it.each([
    [{}, { symbol: 'BTC/USD', timeframe: '1Min', limit: 1, quotes: ['BTC/USD', 'BTC/USDT', 'USDT/USD'] }],
    [{ asset: 'eth', via: 'usdc' }, { symbol: 'ETH/USD', timeframe: '1Min', limit: 1, quotes: ['ETH/USD', 'ETH/USDC', 'USDC/USD'] }],
    [{ route: 'triangle' }, { symbol: 'BTC/USD', timeframe: '1Min', limit: 1, quotes: ['BTC/USD', 'ETH/USD', 'ETH/BTC'] }],
    [{ route: 'triangle', via: 'LTC' }, { symbol: 'BTC/USD', timeframe: '1Min', limit: 1, quotes: ['BTC/USD', 'LTC/USD', 'LTC/BTC'] }],
  ])('asks for the three legs of %j', (overrides, expected) => {
    expect(arbitrageStrategy.marketData(config(overrides), { state: {}, asOf: new Date(0) })).toEqual(expected);
  });

  it('applies the defaults, via depending on the route', () => {
    expect(config()).toEqual({ route: 'stablecoin', asset: 'BTC', via: 'USDT', trade_notional_usd: 1000, allocated_capital: 5000, fee_bps: 25, min_edge_bps: 10 });
    expect(config({ route: 'triangle' }).via).toBe('ETH');
  });

  const valid = { trade_notional_usd: 1000, allocated_capital: 5000 };
  it.each<[string, Record<string, unknown>, string[]]>([
    ['via equal to asset', { ...valid, via: 'btc' }, ['configuration.via must differ from asset (BTC); via is BTC']],
    ['a triangle whose default via is the asset', { ...valid, route: 'triangle', asset: 'ETH' }, ["configuration.via must differ from asset (ETH); via is ETH (the triangle route's default)"]],
    ['a non-stablecoin on the stablecoin route', { ...valid, via: 'ETH' }, ["configuration.via must be USDT or USDC on the stablecoin route (use route 'triangle' for ETH)"]],
    ['USD as the asset', { ...valid, asset: 'USD' }, ['configuration.asset must be a coin other than USD']],
    ['trade above allocated capital', { trade_notional_usd: 6000, allocated_capital: 5000 }, ['configuration.trade_notional_usd must be less than or equal to allocated_capital']],
    ['missing amounts', {}, ['configuration.trade_notional_usd is required', 'configuration.allocated_capital is required']],
    ['zero trade', { ...valid, trade_notional_usd: 0 }, ['configuration.trade_notional_usd must be a number greater than 0']],
    ['negative fee', { ...valid, fee_bps: -1 }, ['configuration.fee_bps must be a number from 0 to 1000']],
    ['unknown route', { ...valid, route: 'circle' }, ['configuration.route must be one of stablecoin, triangle']],
    ['a pair where a coin belongs', { ...valid, asset: 'BTC/USD' }, ['configuration.asset must be a coin code like BTC, ETH or USDT']],
    ['a single symbol', { ...valid, symbol: 'BTC/USD' }, ['configuration has unknown fields symbol']],
  ])('rejects %s, naming the field', (_name, configuration, errors) => {
    expect(validateStrategyConfiguration('arbitrage', configuration)).toEqual({ ok: false, errors });
  });

  it('is a supported 60-second interval type', () => {
    expect(arbitrageStrategy).toMatchObject({ type: 'arbitrage', kind: 'interval', intervalSeconds: 60, supported: true });
  });
});
