import { dcaConfigSchema, dcaStrategy, type DcaConfig } from './dca.strategy';
import type { Decision, DecisionInput } from './strategy';

const ASOF = new Date('2025-03-03T15:00:00Z');

function config(overrides: Partial<Record<keyof DcaConfig, unknown>> = {}): DcaConfig {
  return dcaConfigSchema.parse({ symbol: 'AAPL', amount_per_buy: 100, allocated_capital: 250, ...overrides });
}

function input(cfg: DcaConfig, state: Record<string, unknown> = {}, buyingPower = 10_000): DecisionInput<DcaConfig> {
  return {
    config: cfg,
    asOf: ASOF,
    bars: [],
    latestPrice: 187.2,
    position: null,
    account: { cash: buyingPower, buyingPower, equity: buyingPower },
    state,
    markets: {},
    quotes: {},
    news: [],
  };
}

/** Runs the strategy `runs` times, feeding each run's nextState into the next. */
function spendDown(cfg: DcaConfig, runs: number): Decision[] {
  const decisions: Decision[] = [];
  let state: Record<string, unknown> = {};
  for (let i = 0; i < runs; i += 1) {
    const decision = dcaStrategy.decide(input(cfg, state));
    decisions.push(decision);
    state = decision.nextState;
  }
  return decisions;
}

describe('dca strategy', () => {
  it.each([
    // allocated, per buy, expected notional per run (null = hold)
    [250, 100, [100, 100, 50, null, null]],
    [300, 100, [100, 100, 100, null]],
    [200.5, 100, [100, 100, null]], // $0.50 left is below the $1 minimum order
    [100, 100, [100, null]],
    [1, 0.4, [null]], // amount_per_buy below $1 can never be placed
    [0.3, 0.1, [null]],
    [10.03, 3.34, [3.34, 3.34, 3.34, null]], // $0.01 left, cents add up exactly
  ])('spends %p in buys of %p: %j', (allocated, perBuy, expected) => {
    const decisions = spendDown(config({ allocated_capital: allocated, amount_per_buy: perBuy }), expected.length);
    expect(decisions.map((d) => (d.action === 'buy' ? d.orders[0].notional : null))).toEqual(expected);
    for (const decision of decisions) expect(decision.orders).toHaveLength(decision.action === 'buy' ? 1 : 0);
  });

  it('tracks spent and buys in state and never exceeds allocated capital', () => {
    const decisions = spendDown(config(), 4);
    expect(decisions.map((d) => d.nextState.spent)).toEqual([100, 200, 250, 250]);
    expect(decisions.map((d) => d.nextState.buys)).toEqual([1, 2, 3, 3]);
    expect(decisions[0].nextState.last_buy_at).toBe(ASOF.toISOString());
  });

  it('explains each buy, the capped final buy and the exhausted hold', () => {
    const [first, , last, exhausted] = spendDown(config(), 4).map((d) => d.reason);
    expect(first).toBe('DCA buy 1 of 3: $100.00 of AAPL at ~187.20; $100.00 of $250.00 spent after this buy');
    expect(last).toBe(
      'DCA final buy: $50.00 of AAPL at ~187.20 (capped at the remaining allocation); $250.00 of $250.00 spent after this buy',
    );
    expect(exhausted).toBe('HOLD - DCA complete: allocated capital $250.00 fully spent after 3 buys');
  });

  it('says when the remainder is below the minimum order', () => {
    const decision = dcaStrategy.decide(input(config({ allocated_capital: 200.5 }), { spent: 200, buys: 2 }));
    expect(decision).toMatchObject({ action: 'hold', orders: [] });
    expect(decision.reason).toBe('HOLD - DCA complete: the remaining $0.50 of $200.50 is below the $1.00 minimum order (2 buys made)');
  });

  it.each([
    [{}, 99.99, 'HOLD - buying power $99.99 below amount_per_buy $100.00'],
    [{ spent: 200, buys: 2 }, 49, 'HOLD - buying power $49.00 below the remaining allocation $50.00'],
  ])('holds when buying power is short (state %j, buying power %p)', (state, buyingPower, reason) => {
    const decision = dcaStrategy.decide(input(config(), state, buyingPower));
    expect(decision).toEqual({ action: 'hold', reason, orders: [], nextState: state });
  });

  it.each([
    ['AAPL', 'day'],
    ['btc/usd', 'gtc'],
  ])('places a notional market buy for %s with time in force %s', (symbol, timeInForce) => {
    const cfg = config({ symbol });
    expect(dcaStrategy.decide(input(cfg)).orders).toEqual([
      { symbol: symbol.toUpperCase(), side: 'buy', type: 'market', timeInForce, notional: 100 },
    ]);
  });

  it('treats unreadable state as a fresh start and keeps unrelated keys', () => {
    const decision = dcaStrategy.decide(input(config(), { spent: 'lots', buys: -3, note: 'kept' }));
    expect(decision.nextState).toMatchObject({ spent: 100, buys: 1, note: 'kept' });
  });

  it('treats capital spent beyond a lowered allocation as exhausted', () => {
    const decision = dcaStrategy.decide(input(config({ allocated_capital: 150 }), { spent: 200, buys: 2 }));
    expect(decision.action).toBe('hold');
    expect(decision.reason).toContain('fully spent after 2 buys');
  });

  it('asks for one daily bar of its symbol', () => {
    expect(dcaStrategy.marketData(config({ symbol: 'eth/usd' }), { state: {}, asOf: ASOF })).toEqual({ symbol: 'ETH/USD', timeframe: '1Day', limit: 1 });
  });
});
