import { z } from 'zod';
import type { OrderIntent } from '../contracts';
import { smartRebalanceConfigSchema, smartRebalanceStrategy, type SmartRebalanceConfig } from './smart-rebalance.strategy';
import type { SymbolMarket } from './strategy';
import { decisionInput } from './testing/decision-input';
import { validateStrategyConfiguration } from './validate-configuration';

const ASOF = new Date('2026-01-05T15:30:00Z');
const BASKET = { SPY: 60, QQQ: 30, 'BTC/USD': 10 };

function config(overrides: Record<string, unknown> = {}): SmartRebalanceConfig {
  return smartRebalanceConfigSchema.parse({ targets: BASKET, allocated_capital: 10_000, ...overrides });
}

/** A symbol at `price`, holding `qty` bought at `entry` (the price unless given). */
function market(price: number, qty = 0, entry = price): Partial<SymbolMarket> {
  return { latestPrice: price, position: qty ? { qty, avgEntryPrice: entry, marketValue: qty * price } : null };
}

interface Case {
  overrides?: Record<string, unknown>;
  markets: Record<string, Partial<SymbolMarket>>;
  buyingPower?: number;
  state?: Record<string, unknown>;
}

function run({ overrides, markets, buyingPower = 100_000, state = { note: 'kept' } }: Case) {
  const cfg = config(overrides);
  const [symbol] = Object.keys(cfg.targets);
  return smartRebalanceStrategy.decide(decisionInput({ config: cfg, symbol, asOf: ASOF, markets, account: { buyingPower }, state }));
}

const sell = (symbol: string, qty: number, timeInForce = 'day'): OrderIntent => ({ symbol, type: 'market', timeInForce, side: 'sell', qty } as OrderIntent);
const buy = (symbol: string, notional: number, timeInForce = 'day'): OrderIntent => ({ symbol, type: 'market', timeInForce, side: 'buy', notional } as OrderIntent);

// Nothing held: SPY 500, QQQ 400, BTC 50,000.
const FROM_CASH = { SPY: market(500), QQQ: market(400), 'BTC/USD': market(50_000) };
// $10,000 held, cost $10,050: SPY 75% (+15 pp), QQQ 21%, BTC 4%.
const SPY_HEAVY = { SPY: market(500, 15, 480), QQQ: market(350, 6, 400), 'BTC/USD': market(40_000, 0.01, 45_000) };

describe('smart_rebalance strategy', () => {
  it.each<[string, Case, 'buy' | 'sell' | 'hold', OrderIntent[], string]>([
    [
      'first investment from cash',
      { markets: FROM_CASH },
      'buy',
      [buy('SPY', 6000), buy('QQQ', 3000), buy('BTC/USD', 1000, 'gtc')],
      'investing $10,000.00 of allocated capital (nothing held yet); buy $6,000.00 SPY, buy $3,000.00 QQQ, buy $1,000.00 BTC/USD',
    ],
    [
      'drift within the threshold',
      // SPY 12 x 520, QQQ 7.5 x 376, BTC 0.02 x 47,000 = $10,000 held; cost exactly $10,000.
      { markets: { SPY: market(520, 12, 500), QQQ: market(376, 7.5, 400), 'BTC/USD': market(47_000, 0.02, 50_000) } },
      'hold',
      [],
      'HOLD - max drift 2.4 pp (SPY 62.4% vs 60% target) within 5 pp threshold; basket $10,000.00',
    ],
    [
      'drift beyond the threshold: sells before buys',
      { markets: SPY_HEAVY },
      'buy',
      [sell('SPY', 3), buy('QQQ', 900), buy('BTC/USD', 600, 'gtc')],
      'rebalancing: SPY 75.0% vs 60% target (+15.0 pp) exceeds 5 pp; sell 3 SPY, buy $900.00 QQQ, buy $600.00 BTC/USD',
    ],
    [
      'whole-share sells raise less than the gaps: buys limited to the proceeds',
      // SPY 14 x 550 = 75.5% of $10,200: delta -$1,580 sells 2 shares ($1,100), not 2.87.
      { markets: { SPY: market(550, 14, 500), QQQ: market(350, 6, 450), 'BTC/USD': market(40_000, 0.01, 50_000) } },
      'buy',
      [sell('SPY', 2), buy('QQQ', 668.35), buy('BTC/USD', 431.64, 'gtc')],
      'rebalancing: SPY 75.5% vs 60% target (+15.5 pp) exceeds 5 pp; sell 2 SPY, buy $668.35 QQQ, buy $431.64 BTC/USD; buys limited to the $1,100.00 raised by sells',
    ],
    [
      'the e2e script: bought from cash at 500/400/50,000, then SPY rises to 700',
      { markets: { SPY: market(700, 12, 500), QQQ: market(400, 7.5), 'BTC/USD': market(50_000, 0.02) } },
      'buy',
      [sell('SPY', 1), buy('QQQ', 525), buy('BTC/USD', 175, 'gtc')],
      'rebalancing: SPY 67.7% vs 60% target (+7.7 pp) exceeds 5 pp; sell 1 SPY, buy $525.00 QQQ, buy $175.00 BTC/USD; buys limited to the $700.00 raised by sells',
    ],
    [
      'a trade below the minimum is skipped',
      {
        overrides: { targets: { SPY: 50, QQQ: 30, DIA: 10, 'BTC/USD': 10 } },
        markets: { SPY: market(500, 12), QQQ: market(400, 6), DIA: market(497.9, 2), 'BTC/USD': market(50_000, 0.012084) },
      },
      'buy',
      [sell('SPY', 2), buy('QQQ', 600), buy('BTC/USD', 395.8, 'gtc')],
      'rebalancing: SPY 60.0% vs 50% target (+10.0 pp) exceeds 5 pp; sell 2 SPY, buy $600.00 QQQ, buy $395.80 BTC/USD; skipped DIA (delta $4.20 below $10.00 minimum)',
    ],
    [
      'only sells when every buy is below the minimum',
      {
        overrides: { targets: { SPY: 50, QQQ: 25, DIA: 25 }, min_trade_usd: 600 },
        markets: { SPY: market(500, 12), QQQ: market(400, 5), DIA: market(400, 5) },
      },
      'sell',
      [sell('SPY', 2)],
      'rebalancing: SPY 60.0% vs 50% target (+10.0 pp) exceeds 5 pp; sell 2 SPY; skipped QQQ (delta $500.00 below $600.00 minimum), DIA (delta $500.00 below $600.00 minimum)',
    ],
    [
      'buying power short: buys scaled down proportionally',
      { markets: FROM_CASH, buyingPower: 5000 },
      'buy',
      [buy('SPY', 3000), buy('QQQ', 1500), buy('BTC/USD', 500, 'gtc')],
      'investing $10,000.00 of allocated capital (nothing held yet); buy $3,000.00 SPY, buy $1,500.00 QQQ, buy $500.00 BTC/USD; buying power short: buys scaled to 50.0% of $10,000.00 to fit buying power $5,000.00',
    ],
    [
      'scaling leaves a buy below the minimum',
      { markets: FROM_CASH, buyingPower: 90 },
      'buy',
      [buy('SPY', 54), buy('QQQ', 27)],
      'investing $10,000.00 of allocated capital (nothing held yet); buy $54.00 SPY, buy $27.00 QQQ; skipped BTC/USD (buy $9.00 after scaling below $10.00 minimum); buying power short: buys scaled to 0.9% of $10,000.00 to fit buying power $90.00',
    ],
    [
      'sells count towards the buying power',
      { markets: SPY_HEAVY, buyingPower: 0 },
      'buy',
      [sell('SPY', 3), buy('QQQ', 900), buy('BTC/USD', 600, 'gtc')],
      'rebalancing: SPY 75.0% vs 60% target (+15.0 pp) exceeds 5 pp; sell 3 SPY, buy $900.00 QQQ, buy $600.00 BTC/USD',
    ],
    [
      'an all-crypto basket sells to 6 decimals',
      // BTC 0.14 x 43,000 = 60.1% of $10,020: sell $1,010 = 0.023488 BTC, raising $1,009.98.
      { overrides: { targets: { 'BTC/USD': 50, 'ETH/USD': 50 } }, markets: { 'BTC/USD': market(43_000, 0.14), 'ETH/USD': market(2500, 1.6) } },
      'buy',
      [sell('BTC/USD', 0.023488, 'gtc'), buy('ETH/USD', 1009.98, 'gtc')],
      'rebalancing: BTC/USD 60.1% vs 50% target (+10.1 pp) exceeds 5 pp; sell 0.023488 BTC/USD, buy $1,009.98 ETH/USD; buys limited to the $1,009.98 raised by sells',
    ],
    [
      'a partly invested basket invests the rest of the allocation',
      { overrides: { targets: { SPY: 50, QQQ: 50 } }, markets: { SPY: market(500, 10), QQQ: market(400) } },
      'buy',
      [buy('QQQ', 5000)],
      'rebalancing: QQQ 0.0% vs 50% target (-50.0 pp) exceeds 5 pp; buy $5,000.00 QQQ',
    ],
    [
      'uninvested allocation beyond the threshold',
      { overrides: { targets: { SPY: 50, QQQ: 50 } }, markets: { SPY: market(500, 9), QQQ: market(500, 9) } },
      'buy',
      [buy('SPY', 500), buy('QQQ', 500)],
      'investing: $1,000.00 of allocated capital uninvested is 10.0% of the basket, more than 5 pp; buy $500.00 SPY, buy $500.00 QQQ',
    ],
    [
      'a fallen market adds no new money',
      // Cost $10,000 = allocated, so nothing is uninvested; the basket is worth $8,800.
      { overrides: { targets: { SPY: 50, QQQ: 50 } }, markets: { SPY: market(400, 12, 500), QQQ: market(400, 10) } },
      'hold',
      [],
      'HOLD - max drift 4.5 pp (SPY 54.5% vs 50% target) within 5 pp threshold; basket $8,800.00',
    ],
    [
      'drift exactly at the threshold holds',
      { overrides: { targets: { SPY: 50, QQQ: 50 } }, markets: { SPY: market(100, 55), QQQ: market(100, 45) } },
      'hold',
      [],
      'HOLD - max drift 5.0 pp (SPY 55.0% vs 50% target) within 5 pp threshold; basket $10,000.00',
    ],
    [
      'no trade possible: less than one share to sell and nothing raised',
      { overrides: { targets: { SPY: 50, QQQ: 50 }, allocated_capital: 1000 }, markets: { SPY: market(200, 3), QQQ: market(100, 4) } },
      'hold',
      [],
      'HOLD - rebalancing: SPY 60.0% vs 50% target (+10.0 pp) exceeds 5 pp, but no trade is possible: skipped SPY (selling $100.00 is less than one share at 200.00), QQQ (buy $0.00 after scaling below $10.00 minimum); buys limited to the $0.00 raised by sells',
    ],
    [
      'a symbol without a price',
      { markets: { ...FROM_CASH, QQQ: market(0) } },
      'hold',
      [],
      'HOLD - no latest price for QQQ (0), so the basket cannot be valued',
    ],
    [
      'a symbol without market data',
      { markets: { SPY: market(500), QQQ: market(400) } },
      'hold',
      [],
      'HOLD - no latest price for BTC/USD (no market data), so the basket cannot be valued',
    ],
    [
      'a short position in the basket',
      { markets: { ...FROM_CASH, SPY: market(500, -5) } },
      'hold',
      [],
      'HOLD - a short position of 5 SPY is open; smart_rebalance only holds long',
    ],
  ])('%s', (_name, testCase, action, orders, reason) => {
    const decision = run(testCase);
    expect(decision.reason).toBe(reason);
    expect(decision.action).toBe(action);
    expect(decision.orders).toEqual(orders);
    if (action !== 'hold') expect(decision.placement).toBe('each');
  });

  it('first investment trades even when every target is within the threshold of zero', () => {
    const targets = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`S${String.fromCharCode(65 + i)}`, 5]));
    const markets = Object.fromEntries(Object.keys(targets).map((symbol) => [symbol, market(100)]));
    const decision = run({ overrides: { targets }, markets });
    expect(decision.orders).toHaveLength(20);
    expect(decision.orders.every((order) => order.side === 'buy' && order.notional === 500)).toBe(true);
  });

  it('records the rebalance in state; a hold keeps the state as it was', () => {
    const traded = run({ markets: SPY_HEAVY, state: { rebalances: 2, note: 'kept' } });
    expect(traded.nextState).toEqual({
      note: 'kept',
      rebalances: 3,
      last_rebalance_at: ASOF.toISOString(),
      last_weights: { SPY: 75, QQQ: 21, 'BTC/USD': 4 },
      last_basket_value: 10_000,
    });
    expect(run({ markets: FROM_CASH, state: { rebalances: 'x' } }).nextState.rebalances).toBe(1);
    const held = run({ markets: { ...FROM_CASH, QQQ: market(0) }, state: { rebalances: 2 } });
    expect(held.nextState).toEqual({ rebalances: 2 });
  });

  it('asks for the latest price and position of every target, the first as the primary symbol', () => {
    const cfg = config({ targets: { ' spy ': 60, qqq: 30, 'btc/usd': 10 } });
    expect(smartRebalanceStrategy.marketData(cfg, { state: {}, asOf: ASOF })).toEqual({
      symbol: 'SPY',
      timeframe: '1Day',
      limit: 1,
      otherSymbols: ['QQQ', 'BTC/USD'],
    });
  });

  it('normalizes symbols and applies defaults', () => {
    expect(config({ targets: { ' spy ': 33.33, qqq: 33.33, 'btc/usd': 33.33 } })).toEqual({
      targets: { SPY: 33.33, QQQ: 33.33, 'BTC/USD': 33.33 },
      allocated_capital: 10_000,
      drift_threshold_pct: 5,
      min_trade_usd: 10,
    });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['weights summing to 90', { targets: { SPY: 60, QQQ: 30 } }, 'configuration.targets must add up to 100 (percent); they add up to 90'],
    ['weights summing to 100.5', { targets: { SPY: 60.5, QQQ: 40 } }, 'configuration.targets must add up to 100 (percent); they add up to 100.5'],
    ['one symbol', { targets: { SPY: 100 } }, 'configuration.targets must name 2 to 20 symbols; it names 1'],
    ['21 symbols', { targets: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`S${String.fromCharCode(65 + i)}`, 100 / 21])) }, 'configuration.targets must name 2 to 20 symbols; it names 21'],
    ['a bad symbol', { targets: { 'SP Y': 50, QQQ: 50 } }, 'configuration.targets has "SP Y", which must be a ticker like AAPL or a crypto pair like BTC/USD'],
    ['a duplicate after normalizing', { targets: { spy: 50, SPY: 50 } }, 'configuration.targets names SPY twice ("spy" and "SPY")'],
    ['a zero weight', { targets: { SPY: 100, QQQ: 0 } }, 'configuration.targets.QQQ must be a target weight in percent, greater than 0'],
    ['a weight that is not a number', { targets: { SPY: '60', QQQ: 40 } }, 'configuration.targets.SPY must be a target weight in percent, greater than 0'],
    ['targets as a list', { targets: ['SPY', 'QQQ'] }, 'configuration.targets must be an object of symbols to target weights in percent, like {"SPY": 60, "QQQ": 30, "BTC/USD": 10}'],
    ['no targets', { targets: undefined }, 'configuration.targets is required'],
    ['a single symbol field', { symbol: 'SPY' }, 'configuration has unknown fields symbol'],
    ['min_trade_usd below 1', { min_trade_usd: 0.5 }, 'configuration.min_trade_usd must be a number greater than or equal to 1'],
    ['drift_threshold_pct of 0', { drift_threshold_pct: 0 }, 'configuration.drift_threshold_pct must be a number greater than 0 and at most 100'],
    ['no allocated_capital', { allocated_capital: undefined }, 'configuration.allocated_capital is required'],
  ])('refuses %s, naming the field', (_name, overrides, error) => {
    const result = validateStrategyConfiguration('smart_rebalance', { targets: BASKET, allocated_capital: 10_000, ...overrides });
    expect(result).toEqual({ ok: false, errors: [error] });
  });

  it('publishes its configuration schema with targets as an object of weights', () => {
    const schema = z.toJSONSchema(smartRebalanceConfigSchema, { io: 'input', unrepresentable: 'any' }) as {
      properties: Record<string, { type?: string; additionalProperties?: { type?: string } }>;
      required: string[];
    };
    expect(schema.properties.targets).toMatchObject({ type: 'object', additionalProperties: { type: 'number' } });
    expect(schema.required).toEqual(['targets', 'allocated_capital']);
  });
});
