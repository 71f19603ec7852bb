import { describeIssue, fieldPath } from '../config-issues';
import { infinityGridConfigSchema, infinityGridLogic, type InfinityGridConfig } from './infinity-grid';
import type { GridFill, GridOrder, GridStartMarket } from './grid-logic';

// AAPL ladder, 2% apart from 100: levels 0..5 = 100, 102, 104.04, 106.12, 108.24, 110.41.
const P = [100, 102, 104.04, 106.12, 108.24, 110.41];
const V = 100_000;
const BASE = { symbol: 'AAPL', lower_price: 100, step_pct: 2, allocated_capital: V };
const EQUITY = { startPrice: 105, isCrypto: false };

function config(overrides: Record<string, unknown> = {}): InfinityGridConfig {
  return infinityGridConfigSchema.parse({ ...BASE, ...overrides });
}

function market(overrides: Partial<GridStartMarket> = {}): GridStartMarket {
  return { price: 105, isCrypto: false, shortable: true, buyingPower: 1_000_000, positionQty: 0, ...overrides };
}

function fill(side: 'buy' | 'sell', level: number, qty = 5, price = P[level]): GridFill {
  return { side, level, qty, price, role: side === 'buy' ? 'open' : 'close' };
}

/** The whole shares that keep the holding worth V between two level prices. */
function between(lowPrice: number, highPrice: number): number {
  return Math.floor(V / lowPrice - V / highPrice);
}

const show = (orders: GridOrder[]) => orders.map((o) => `${o.side} ${o.qty}@${o.limitPrice} L${o.level} ${o.role}`);

describe('infinityGridConfigSchema', () => {
  it.each<[Record<string, unknown>, string[]]>([
    [{ ...BASE, step_pct: 0.05 }, ['configuration.step_pct must be a number from 0.1 to 50']],
    [{ ...BASE, step_pct: 51 }, ['configuration.step_pct must be a number from 0.1 to 50']],
    [{ ...BASE, allocated_capital: undefined }, ['configuration.allocated_capital is required']],
    [{ ...BASE, upper_price: 200 }, ['configuration has unknown fields upper_price']],
    [
      { ...BASE, lower_price: 5, step_pct: 0.1 },
      ["configuration.step_pct is too small for the exchange's price tick: near 5.00 levels 0.1% apart are less than one tick (0.01) apart; use at least 0.2%"],
    ],
    [
      { ...BASE, lower_price: 0.5, step_pct: 0.5 },
      ["configuration.step_pct is too small for the exchange's price tick: near 1.00 levels 0.5% apart are less than one tick (0.01) apart; use at least 1%"],
    ],
    [
      { ...BASE, lower_price: 0.001, step_pct: 5 },
      ["configuration.step_pct is too small for the exchange's price tick: near 0.001 levels 5% apart are less than one tick (0.0001) apart; use at least 10%"],
    ],
    [{ ...BASE, lower_price: 0.00001 }, ["configuration.lower_price must be at least the exchange's price tick (0.0001)"]],
  ])('%j -> %j', (input, errors) => {
    const parsed = infinityGridConfigSchema.safeParse(input, { error: describeIssue });
    expect(parsed.error?.issues.map((issue) => `${fieldPath('configuration', issue.path)} ${issue.message}`)).toEqual(errors);
  });

  it.each([[{ lower_price: 5, step_pct: 0.2 }], [{ lower_price: 0.5, step_pct: 1 }], [{ lower_price: 10, step_pct: 0.1 }]])('accepts %j', (overrides) => {
    expect(infinityGridConfigSchema.safeParse({ ...BASE, ...overrides }).success).toBe(true);
  });
});

describe('infinityGridLogic.initialOrders', () => {
  it('buys the missing holding with one market order on the level at or below the price', () => {
    expect(infinityGridLogic.initialOrders(config(), market({ positionQty: 500 }))).toEqual([
      {
        symbol: 'AAPL',
        side: 'buy',
        type: 'market',
        timeInForce: 'day',
        qty: 452, // $100,000 / 105 = 952.38 shares, 500 held
        level: 2,
        role: 'open',
        reason: 'grid start: market buy 452 AAPL at ~105.00 so the holding is worth $100,000.00',
      },
    ]);
  });

  it.each<[string, Partial<GridStartMarket>, string[]]>([
    ['holding already worth allocated_capital', { positionQty: 953 }, [`sell ${between(P[2], P[3])}@106.12 L3 close`, `buy ${between(P[1], P[2])}@102 L1 open`]],
    ['less than one share missing', { positionQty: 952.5 }, [`sell ${between(P[2], P[3])}@106.12 L3 close`, `buy ${between(P[1], P[2])}@102 L1 open`]],
    ['price on the lowest level: no buy below it', { price: 100, positionQty: 1000 }, [`sell ${between(P[0], P[1])}@102 L1 close`]],
    ['price below lower_price', { price: 99, positionQty: 1000 }, []],
  ])('%s', (_case, overrides, expected) => {
    expect(show(infinityGridLogic.initialOrders(config(), market(overrides)))).toEqual(expected);
  });

  it('buys crypto by the 1e-6 coin with a gtc market order, and skips a shortfall under $1', () => {
    const btc = config({ symbol: 'BTC/USD', lower_price: 60_000, step_pct: 1, allocated_capital: 10_000 });
    const crypto = market({ price: 62_000, isCrypto: true });
    expect(infinityGridLogic.initialOrders(btc, crypto)).toMatchObject([{ type: 'market', timeInForce: 'gtc', qty: 0.16129, level: 3 }]);
    const almost = infinityGridLogic.initialOrders(btc, { ...crypto, positionQty: 0.16128 });
    expect(almost.map((o) => [o.type, o.side, o.level])).toEqual([
      ['limit', 'sell', 4],
      ['limit', 'buy', 2],
    ]);
  });
});

describe('infinityGridLogic.onFill', () => {
  it('recentres on every fill while the price falls and rises through the levels', () => {
    const steps: Array<[GridFill, string[]]> = [
      // The market buy at start filled on level 2.
      [fill('buy', 2, 952, 105), [`sell ${between(P[2], P[3])}@106.12 L3 close`, `buy ${between(P[1], P[2])}@102 L1 open`]],
      [fill('buy', 1), [`sell ${between(P[1], P[2])}@104.04 L2 close`, `buy ${between(P[0], P[1])}@100 L0 open`]],
      [fill('buy', 0), [`sell ${between(P[0], P[1])}@102 L1 close`]],
      [fill('sell', 1), [`sell ${between(P[1], P[2])}@104.04 L2 close`, `buy ${between(P[0], P[1])}@100 L0 open`]],
      [fill('sell', 2), [`sell ${between(P[2], P[3])}@106.12 L3 close`, `buy ${between(P[1], P[2])}@102 L1 open`]],
      [fill('sell', 5), [`sell ${between(P[5], 112.62)}@112.62 L6 close`, `buy ${between(P[4], P[5])}@108.24 L4 open`]],
    ];
    for (const [input, expected] of steps) {
      const reaction = infinityGridLogic.onFill(config(), EQUITY, input);
      expect(show(reaction.orders)).toEqual(expected);
      expect(reaction.cancelOtherOpenOrders).toBe(true);
    }
    expect(between(P[0], P[1])).toBe(19);
    expect(between(P[2], P[3])).toBe(18);
  });

  it('answers a partial fill like a full one: the orders depend on the level, not on the quantity', () => {
    const partial = infinityGridLogic.onFill(config(), EQUITY, fill('sell', 3, 2));
    const full = infinityGridLogic.onFill(config(), EQUITY, fill('sell', 3, 18));
    expect(show(partial.orders)).toEqual(show(full.orders));
    expect(partial.reason).toBe(
      'infinity grid sell of 2 AAPL filled at 106.12 on level 3: recentre on level 3: sell 18 at level 4 (108.24); buy 18 at level 2 (104.04)',
    );
  });

  it('floors to whole shares and says which order it skipped for trading less than one share', () => {
    // Near level 160 (about $2,365) a 2% step moves less than one share of a $100,000 holding.
    const reaction = infinityGridLogic.onFill(config(), EQUITY, fill('sell', 160, 1, 2365));
    expect(reaction.orders).toEqual([]);
    expect(reaction.cancelOtherOpenOrders).toBe(true);
    expect(reaction.reason).toContain('no sell at level 161: it would trade less than one share; no buy at level 159: it would trade less than one share');
  });

  it('keeps coin fractions for crypto', () => {
    const btc = config({ symbol: 'BTC/USD', lower_price: 60_000, step_pct: 1, allocated_capital: 10_000 });
    const [sell, buy] = infinityGridLogic.onFill(btc, { startPrice: 62_000, isCrypto: true }, fill('buy', 3, 0.01, 61_818.06)).orders;
    expect([sell.qty, buy.qty]).toEqual([Math.floor((10_000 / 61_818.06 - 10_000 / 62_436.24) * 1e6) / 1e6, Math.floor((10_000 / 61_206 - 10_000 / 61_818.06) * 1e6) / 1e6]);
  });
});

describe('infinityGridLogic.checkStart', () => {
  it.each<[string, Record<string, unknown>, Partial<GridStartMarket>, string]>([
    ['price below lower_price', {}, { price: 99.5 }, 'current price 99.50 of AAPL is below lower_price 100.00; the grid needs a level at or below the price to start from'],
    ['no price', {}, { price: 0 }, 'no current price for AAPL'],
    [
      'capital too small for one share per level',
      { allocated_capital: 5_000 },
      {},
      'allocated_capital $5,000.00 at step_pct 2% trades 0.941967 shares of AAPL per level near 105.00, less than one share; raise allocated_capital to at least $5,308.05 or step_pct',
    ],
    [
      'buying power short of the market buy and the buy below',
      {},
      { buyingPower: 45_000, positionQty: 500 },
      // 452 x 105 = 47,460 plus 19 x 102 = 1,938
      'insufficient buying power for the whole grid: a market buy of 452 AAPL and the buy order below it need $49,398.00, buying power is $45,000.00 ($4,398.00 missing)',
    ],
  ])('%s', (_case, overrides, marketOverrides, error) => {
    expect(infinityGridLogic.checkStart(config(overrides), market(marketOverrides))).toEqual({ ok: false, error });
  });

  it('needs only the resting buy when the holding suffices', () => {
    expect(infinityGridLogic.checkStart(config(), market({ positionQty: 1000, buyingPower: 2_000 }))).toEqual({ ok: true, requiredBuyingPower: 19 * 102 });
  });
});

describe('infinityGridLogic.roundTripProfit and ladder', () => {
  it('realises a buy followed by a sell in USD', () => {
    expect(infinityGridLogic.roundTripProfit({ side: 'buy', price: 102, qty: 19 }, { side: 'sell', price: 104.04, qty: 19 })).toEqual({ usd: 38.76, units: 0 });
    expect(infinityGridLogic.roundTripProfit({ side: 'sell', price: 104.04, qty: 19 }, { side: 'sell', price: 106.12, qty: 18 })).toBeNull();
  });

  it('shows a window of ten levels either side of the price, none below level 0', () => {
    const ladder = infinityGridLogic.ladder(config(), 105);
    expect(ladder.slice(0, 6)).toEqual(P.map((price, level) => ({ level, price })));
    expect(ladder.map((view) => view.level)).toEqual(Array.from({ length: 13 }, (_, level) => level));
    expect(infinityGridLogic.ladder(config(), 1000).map((view) => view.level)).toEqual(Array.from({ length: 21 }, (_, index) => 106 + index)); // 1000 sits on level 116
  });
});
