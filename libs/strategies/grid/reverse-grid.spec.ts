import { describeIssue, fieldPath } from '../config-issues';
import type { GridFill, GridOrder, GridStartMarket } from './grid-logic';
import { reverseGridConfigSchema, reverseGridLogic, type ReverseGridConfig } from './reverse-grid';

// AAPL ladder: levels 0..5 = 100, 102, 104, 106, 108, 110. At 105 the grid sells on levels 3, 4 and 5.
const BASE = { symbol: 'AAPL', lower_price: 100, upper_price: 110, grid_count: 6 };
const EQUITY = { startPrice: 105, isCrypto: false };

function config(overrides: Record<string, unknown> = { quantity_per_grid: 100 }): ReverseGridConfig {
  return reverseGridConfigSchema.parse({ ...BASE, ...overrides });
}

function market(overrides: Partial<GridStartMarket> = {}): GridStartMarket {
  return { price: 105, isCrypto: false, shortable: true, buyingPower: 100_000, positionQty: 300, ...overrides };
}

function fill(side: 'buy' | 'sell', level: number, qty: number, role: 'open' | 'close' = side === 'sell' ? 'open' : 'close'): GridFill {
  return { side, level, qty, role, price: [100, 102, 104, 106, 108, 110][level] ?? 100 };
}

const show = (orders: GridOrder[]) => orders.map((o) => `${o.side} ${o.qty}@${o.limitPrice ?? 'market'} L${o.level} ${o.role}`);

describe('reverseGridConfigSchema', () => {
  it('defaults acquire_inventory to false', () => {
    expect(config()).toEqual({ ...BASE, spacing: 'arithmetic', quantity_per_grid: 100, acquire_inventory: false });
  });

  it.each<[Record<string, unknown>, string[]]>([
    [{ ...BASE, quantity_per_grid: 1, acquire_inventory: 'yes' }, ['configuration.acquire_inventory must be true or false']],
    [{ ...BASE, quantity_per_grid: 2.5 }, ['configuration.quantity_per_grid must be a whole number of shares for equities (Alpaca allows fractional quantities only on market day orders)']],
    [{ ...BASE }, ['configuration must set exactly one of quantity_per_grid or allocated_capital']],
    [{ ...BASE, lower_price: 120, quantity_per_grid: 1 }, ['configuration.upper_price must be greater than lower_price']],
    [{ ...BASE, grid_count: 1, quantity_per_grid: 1 }, ['configuration.grid_count must be a whole number from 2 to 200']],
  ])('%j -> %j', (input, errors) => {
    const parsed = reverseGridConfigSchema.safeParse(input, { error: describeIssue });
    expect(parsed.error?.issues.map((issue) => `${fieldPath('configuration', issue.path)} ${issue.message}`)).toEqual(errors);
  });
});

describe('reverseGridLogic.initialOrders', () => {
  it.each<[string, Record<string, unknown>, Partial<GridStartMarket>, string[]]>([
    ['held inventory: sells on every level above the price', { quantity_per_grid: 100 }, {}, ['sell 100@106 L3 open', 'sell 100@108 L4 open', 'sell 100@110 L5 open']],
    ['price on a level: no sell there', { quantity_per_grid: 100 }, { price: 108 }, ['sell 100@110 L5 open']],
    ['capital split evenly in USD, whole shares', { allocated_capital: 1000 }, {}, ['sell 3@106 L3 open', 'sell 3@108 L4 open', 'sell 3@110 L5 open']],
    ['inventory missing, not acquiring: nothing (checkStart explains)', { quantity_per_grid: 100 }, { positionQty: 40 }, []],
    ['inventory missing, acquiring: one market buy for the rest', { quantity_per_grid: 100, acquire_inventory: true }, { positionQty: 40 }, ['buy 260@market L2 open']],
    ['a fractional holding rounds the buy up', { quantity_per_grid: 100, acquire_inventory: true }, { positionQty: 40.5 }, ['buy 260@market L2 open']],
    ['a short position counts as nothing held', { quantity_per_grid: 100, acquire_inventory: true }, { positionQty: -5 }, ['buy 300@market L2 open']],
  ])('%s', (_case, overrides, marketOverrides, expected) => {
    expect(show(reverseGridLogic.initialOrders(config(overrides), market(marketOverrides)))).toEqual(expected);
  });

  it('acquires crypto with a gtc market order', () => {
    const btc = reverseGridConfigSchema.parse({ symbol: 'BTC/USD', lower_price: 60_000, upper_price: 70_000, grid_count: 3, quantity_per_grid: 0.01, acquire_inventory: true });
    expect(reverseGridLogic.initialOrders(btc, market({ price: 62_000, isCrypto: true, positionQty: 0.004 }))).toMatchObject([
      { side: 'buy', type: 'market', timeInForce: 'gtc', qty: 0.016, level: 0, role: 'open' },
    ]);
  });
});

describe('reverseGridLogic.onFill', () => {
  it('places the start sells when the acquiring buy fills, and spreads a partial fill the same way', () => {
    const acquiring = config({ quantity_per_grid: 100, acquire_inventory: true });
    expect(show(reverseGridLogic.onFill(acquiring, EQUITY, fill('buy', 2, 300, 'open')).orders)).toEqual(['sell 100@106 L3 open', 'sell 100@108 L4 open', 'sell 100@110 L5 open']);
    // 100 of 300 filled: a third of each level, what whole shares leave over on the lowest level.
    expect(show(reverseGridLogic.onFill(acquiring, EQUITY, fill('buy', 2, 100, 'open')).orders)).toEqual(['sell 34@106 L3 open', 'sell 33@108 L4 open', 'sell 33@110 L5 open']);
    expect(show(reverseGridLogic.onFill(acquiring, EQUITY, fill('buy', 2, 1, 'open')).orders)).toEqual(['sell 1@106 L3 open']);
  });

  it('buys back lower with all a sale raised and sells again for what the buy cost, keeping the extra shares', () => {
    const steps: Array<[GridFill, string[]]> = [
      [fill('sell', 3, 100), ['buy 101@104 L2 close']], // 100 x 106 / 104 = 101.9
      [fill('sell', 4, 100), ['buy 101@106 L3 close']], // 100 x 108 / 106 = 101.9
      [fill('buy', 3, 101), ['sell 99@108 L4 open']], // 101 x 106 / 108 = 99.1
      [fill('buy', 2, 101), ['sell 99@106 L3 open']], // 101 x 104 / 106 = 99.1
      [fill('sell', 3, 40), ['buy 40@104 L2 close']], // a partial fill: 40 x 106 / 104 = 40.8
    ];
    for (const [input, expected] of steps) expect(show(reverseGridLogic.onFill(config(), EQUITY, input).orders)).toEqual(expected);
  });

  it.each<[string, GridFill, boolean, string[]]>([
    ['a one-share buy-back still sells one share', fill('buy', 2, 1), false, ['sell 1@106 L3 open']],
    ['crypto keeps coin fractions', fill('sell', 3, 0.5), true, ['buy 0.509615@104 L2 close']],
    ['a sell on level 0 has nothing below', fill('sell', 0, 10), false, []],
    ['a buy on the top level has nothing above', fill('buy', 5, 10), false, []],
  ])('%s', (_case, input, isCrypto, expected) => {
    expect(show(reverseGridLogic.onFill(config(), { startPrice: 105, isCrypto }, input).orders)).toEqual(expected);
  });

  it('explains the answer', () => {
    expect(reverseGridLogic.onFill(config(), EQUITY, fill('sell', 3, 100)).reason).toBe('reverse grid sell of 100 AAPL filled at 106.00 on level 3: buy 101 at level 2 (104.00)');
    expect(reverseGridLogic.onFill(config(), EQUITY, fill('sell', 0, 10)).reason).toBe(
      'reverse grid sell of 10 AAPL filled at 100.00 on level 0: level 0 is the bottom of the grid, no level below to buy back at',
    );
  });
});

describe('reverseGridLogic.checkStart', () => {
  it.each<[string, Record<string, unknown>, Partial<GridStartMarket>, string]>([
    ['price below the range', { quantity_per_grid: 100 }, { price: 99 }, 'current price 99.00 of AAPL is below the grid range 100.00-110.00; choose lower_price and upper_price around it'],
    ['price above the range', { quantity_per_grid: 100 }, { price: 111 }, 'current price 111.00 of AAPL is above the grid range 100.00-110.00; choose lower_price and upper_price around it'],
    ['price on the top level', { quantity_per_grid: 100 }, { price: 110 }, 'no grid level is above the current price 110.00 of AAPL (highest level 110.00), so the grid would place no sell'],
    [
      'capital too small for a share per level',
      { allocated_capital: 200 },
      {},
      'allocated_capital $200.00 split over 3 sell levels ($66.67 each) sells less than one share of AAPL at level 3 (106.00); raise allocated_capital or lower grid_count',
    ],
    [
      'inventory missing',
      { quantity_per_grid: 100 },
      { positionQty: 40 },
      'the grid sells 300 shares of AAPL over 3 levels but the account holds 40 (260 missing); buy them first or set acquire_inventory to true',
    ],
    [
      'buying power short of the acquiring buy',
      { quantity_per_grid: 100, acquire_inventory: true },
      { positionQty: 40, buyingPower: 20_000 },
      'insufficient buying power to acquire the inventory: a market buy of 260 shares of AAPL needs ~$27,300.00, buying power is $20,000.00 ($7,300.00 missing)',
    ],
  ])('%s', (_case, overrides, marketOverrides, error) => {
    expect(reverseGridLogic.checkStart(config(overrides), market(marketOverrides))).toEqual({ ok: false, error });
  });

  it.each<[string, Record<string, unknown>, Partial<GridStartMarket>, number]>([
    ['inventory held: no buying power needed', { quantity_per_grid: 100 }, {}, 0],
    ['acquiring: the market buy at the price', { quantity_per_grid: 100, acquire_inventory: true }, { positionQty: 40 }, 260 * 105],
  ])('%s', (_case, overrides, marketOverrides, required) => {
    expect(reverseGridLogic.checkStart(config(overrides), market(marketOverrides))).toEqual({ ok: true, requiredBuyingPower: required });
  });
});

describe('reverseGridLogic.roundTripProfit', () => {
  it('counts the units a sell and its buy-back gained, and their USD value', () => {
    // 101 x (1 - 104/106) = 1.905660377 shares, worth $198.19 at 104.
    expect(reverseGridLogic.roundTripProfit({ side: 'sell', price: 106, qty: 100 }, { side: 'buy', price: 104, qty: 101 })).toEqual({ units: 1.905660377, usd: 198.188679 });
    expect(reverseGridLogic.roundTripProfit({ side: 'sell', price: 106, qty: 100 }, { side: 'buy', price: 106, qty: 100 })).toEqual({ units: 0, usd: 0 });
    expect(reverseGridLogic.roundTripProfit({ side: 'buy', price: 104, qty: 101 }, { side: 'sell', price: 106, qty: 99 })).toBeNull();
  });

  it('profits in units and shows every level', () => {
    expect(reverseGridLogic.profitUnit).toBe('asset');
    expect(reverseGridLogic.ladder(config(), 105).map((view) => view.price)).toEqual([100, 102, 104, 106, 108, 110]);
  });
});
