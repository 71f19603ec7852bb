import { describeIssue, fieldPath } from '../config-issues';
import { gridLevels } from './grid-levels';
import { counterOrder, initialGridOrders, roundTripProfit, spotGridConfigSchema, type GridFill, type SpotGridConfig } from './spot-grid';

// AAPL ladder: levels 0..5 = 100, 102, 104, 106, 108, 110.
const BASE = { symbol: 'AAPL', lower_price: 100, upper_price: 110, grid_count: 6 };

function config(overrides: Record<string, unknown> = { quantity_per_grid: 2 }): SpotGridConfig {
  return spotGridConfigSchema.parse({ ...BASE, ...overrides });
}

const BTC = { symbol: 'BTC/USD', lower_price: 60_000, upper_price: 70_000, grid_count: 3 }; // 60k, 65k, 70k

describe('spotGridConfigSchema', () => {
  it('applies defaults and normalizes the symbol', () => {
    expect(spotGridConfigSchema.parse({ ...BASE, symbol: 'aapl', allocated_capital: 1000 })).toEqual({
      ...BASE,
      spacing: 'arithmetic',
      allocated_capital: 1000,
    });
  });

  it.each<[Record<string, unknown>, string[]]>([
    [{ ...BASE }, ['configuration must set exactly one of quantity_per_grid or allocated_capital']],
    [{ ...BASE, quantity_per_grid: 1, allocated_capital: 500 }, ['configuration.allocated_capital must not be set together with quantity_per_grid; set exactly one']],
    [
      { ...BASE, quantity_per_grid: 1.5 },
      ['configuration.quantity_per_grid must be a whole number of shares for equities (Alpaca allows fractional quantities only on market day orders)'],
    ],
    [{ ...BASE, lower_price: 110, upper_price: 100, quantity_per_grid: 1 }, ['configuration.upper_price must be greater than lower_price']],
    [{ ...BASE, grid_count: 201, quantity_per_grid: 1 }, ['configuration.grid_count must be a whole number from 2 to 200']],
    [{ symbol: 'AAPL', lower_price: 100, upper_price: 110, quantity_per_grid: 1 }, ['configuration.grid_count is required']],
    [{ ...BASE, spacing: 'log', quantity_per_grid: 1 }, ['configuration.spacing must be "arithmetic" or "geometric"']],
    [{ ...BASE, quantity_per_grid: 0 }, ['configuration.quantity_per_grid must be a number greater than 0']],
    [{ ...BASE, quantity_per_grid: 1, foo: 1 }, ['configuration has unknown fields foo']],
    [
      { ...BASE, upper_price: 100.05, grid_count: 10, quantity_per_grid: 1 },
      ["configuration.grid_count is too large for the range: levels 1 and 2 both round to 100.01 at the exchange's price tick; use fewer levels or a wider range"],
    ],
  ])('%j -> %j', (input, errors) => {
    const parsed = spotGridConfigSchema.safeParse(input, { error: describeIssue });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => `${fieldPath('configuration', issue.path)} ${issue.message}`)).toEqual(errors);
  });

  it('accepts fractional quantity_per_grid for crypto', () => {
    expect(spotGridConfigSchema.safeParse({ ...BTC, quantity_per_grid: 0.0015 }).success).toBe(true);
  });
});

describe('initialGridOrders', () => {
  it.each<[string, Record<string, unknown>, number, boolean, Array<[number, number]>]>([
    // case, config, current price, crypto, expected [level, qty]
    ['price between levels', { quantity_per_grid: 2 }, 105, false, [[0, 2], [1, 2], [2, 2]]],
    ['price exactly on a level (no buy there)', { quantity_per_grid: 2 }, 104, false, [[0, 2], [1, 2]]],
    ['price a cent above a level', { quantity_per_grid: 2 }, 104.01, false, [[0, 2], [1, 2], [2, 2]]],
    ['price at the bottom level', { quantity_per_grid: 2 }, 100, false, []],
    ['price at the top level', { quantity_per_grid: 2 }, 110, false, [[0, 2], [1, 2], [2, 2], [3, 2], [4, 2]]],
    ['price above the range (top level never buys)', { quantity_per_grid: 2 }, 120, false, [[0, 2], [1, 2], [2, 2], [3, 2], [4, 2]]],
    ['capital split in whole shares', { allocated_capital: 1500 }, 105, false, [[0, 5], [1, 4], [2, 4]]],
    ['capital too small for a share per level', { allocated_capital: 150 }, 105, false, []],
  ])('%s', (_case, overrides, price, isCrypto, expected) => {
    const orders = initialGridOrders(config(overrides), price, { isCrypto });
    expect(orders.map((o) => [o.level, o.qty])).toEqual(expected);
    for (const order of orders) {
      expect(order).toMatchObject({ symbol: 'AAPL', side: 'buy', type: 'limit', timeInForce: 'gtc' });
      expect(order.limitPrice).toBe([100, 102, 104, 106, 108, 110][order.level]);
    }
  });

  it.each<[Record<string, unknown>, Array<[number, number]>]>([
    [{ allocated_capital: 1000 }, [[0, 0.008333], [1, 0.007692]]], // $500 per level, 1e-6 of a coin
    [{ quantity_per_grid: 0.0012345678 }, [[0, 0.001234], [1, 0.001234]]],
  ])('crypto %j -> %j', (overrides, expected) => {
    const orders = initialGridOrders(spotGridConfigSchema.parse({ ...BTC, ...overrides }), 66_000, { isCrypto: true });
    expect(orders.map((o) => [o.level, o.qty])).toEqual(expected);
    expect(orders.map((o) => o.limitPrice)).toEqual([60_000, 65_000]);
  });

  it('explains each order', () => {
    const [first] = initialGridOrders(config(), 105, { isCrypto: false });
    expect(first.reason).toBe('grid start: buy 2 AAPL at level 0 (100.00), below the current 105.00');
  });
});

describe('counterOrder', () => {
  const levels = gridLevels(config());

  it.each<[string, GridFill, [string, number, number, number] | null]>([
    // case, fill, expected [side, level, price, qty]
    ['buy filled -> sell one level up', { side: 'buy', level: 2, filledQty: 2, price: 104 }, ['sell', 3, 106, 2]],
    ['partial buy -> sell what filled', { side: 'buy', level: 2, filledQty: 1, price: 103.98 }, ['sell', 3, 106, 1]],
    ['sell filled -> buy one level down', { side: 'sell', level: 3, filledQty: 2, price: 106 }, ['buy', 2, 104, 2]],
    ['partial sell -> buy back what filled', { side: 'sell', level: 5, filledQty: 1, price: 110.02 }, ['buy', 4, 108, 1]],
    ['buy below the top -> sell at the top', { side: 'buy', level: 4, filledQty: 2, price: 108 }, ['sell', 5, 110, 2]],
    ['buy at the top level -> nothing above', { side: 'buy', level: 5, filledQty: 2, price: 110 }, null],
    ['sell at the bottom level -> nothing below', { side: 'sell', level: 0, filledQty: 2, price: 100 }, null],
    ['crypto partial fill', { side: 'buy', level: 0, filledQty: 0.003125, price: 100 }, ['sell', 1, 102, 0.003125]],
  ])('%s', (_case, fill, expected) => {
    const order = counterOrder(config(), levels, fill);
    expect(order && [order.side, order.level, order.limitPrice, order.qty]).toEqual(expected);
    if (order) expect(order).toMatchObject({ symbol: 'AAPL', type: 'limit', timeInForce: 'gtc' });
  });

  it('explains the counter order', () => {
    expect(counterOrder(config(), levels, { side: 'buy', level: 2, filledQty: 1, price: 103.98 })?.reason).toBe(
      'grid buy of 1 AAPL filled at 103.98 on level 2: sell 1 at level 3 (106.00)',
    );
  });

  it.each<[GridFill, string]>([
    [{ side: 'buy', level: 6, filledQty: 1, price: 100 }, 'fill level 6 is not a level of this 6-level grid'],
    [{ side: 'buy', level: -1, filledQty: 1, price: 100 }, 'fill level -1 is not a level of this 6-level grid'],
    [{ side: 'sell', level: 1.5, filledQty: 1, price: 100 }, 'fill level 1.5 is not a level of this 6-level grid'],
    [{ side: 'buy', level: 1, filledQty: 0, price: 100 }, 'fill quantity must be greater than 0, got 0'],
  ])('rejects %j', (fill, message) => {
    expect(() => counterOrder(config(), levels, fill)).toThrow(message);
  });
});

describe('roundTripProfit', () => {
  it.each([
    [104, 106, 2, 4],
    [100, 102, 0.5, 1],
    [0.5333, 0.5667, 1000, 33.4],
    [60_000, 65_000, 0.007692, 38.46],
    [100, 100, 3, 0],
    [106, 104, 2, -4],
  ])('buy %p sell %p qty %p -> %p', (buy, sell, qty, expected) => {
    expect(roundTripProfit(buy, sell, qty)).toBe(expected);
  });
});
