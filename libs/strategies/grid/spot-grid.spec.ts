import { describeIssue, fieldPath } from '../config-issues';
import type { GridFill, GridStartMarket } from './grid-logic';
import { spotGridConfigSchema, spotGridLogic, type SpotGridConfig } from './spot-grid';

// AAPL ladder: levels 0..5 = 100, 102, 104, 106, 108, 110.
const BASE = { symbol: 'AAPL', lower_price: 100, upper_price: 110, grid_count: 6 };

function config(overrides: Record<string, unknown> = { quantity_per_grid: 2 }): SpotGridConfig {
  return spotGridConfigSchema.parse({ ...BASE, ...overrides });
}

const BTC = { symbol: 'BTC/USD', lower_price: 60_000, upper_price: 70_000, grid_count: 3 }; // 60k, 65k, 70k

function market(price: number, isCrypto = false): GridStartMarket {
  return { price, isCrypto, shortable: true, buyingPower: 1_000_000, positionQty: 0 };
}

const EQUITY = { startPrice: 105, isCrypto: false };

function fill(side: 'buy' | 'sell', level: number, qty: number, price: number): GridFill {
  return { side, level, qty, price, role: side === 'buy' ? 'open' : 'close' };
}

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

describe('spotGridLogic.initialOrders', () => {
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
    const orders = spotGridLogic.initialOrders(config(overrides), market(price, isCrypto));
    expect(orders.map((o) => [o.level, o.qty])).toEqual(expected);
    for (const order of orders) {
      expect(order).toMatchObject({ symbol: 'AAPL', side: 'buy', type: 'limit', timeInForce: 'gtc', role: 'open' });
      expect(order.limitPrice).toBe([100, 102, 104, 106, 108, 110][order.level]);
    }
  });

  it.each<[Record<string, unknown>, Array<[number, number]>]>([
    [{ allocated_capital: 1000 }, [[0, 0.008333], [1, 0.007692]]], // $500 per level, 1e-6 of a coin
    [{ quantity_per_grid: 0.0012345678 }, [[0, 0.001234], [1, 0.001234]]],
  ])('crypto %j -> %j', (overrides, expected) => {
    const orders = spotGridLogic.initialOrders(spotGridConfigSchema.parse({ ...BTC, ...overrides }), market(66_000, true));
    expect(orders.map((o) => [o.level, o.qty])).toEqual(expected);
    expect(orders.map((o) => o.limitPrice)).toEqual([60_000, 65_000]);
  });

  it('explains each order', () => {
    const [first] = spotGridLogic.initialOrders(config(), market(105));
    expect(first.reason).toBe('grid start: buy 2 AAPL at level 0 (100.00), below the current 105.00');
  });
});

describe('spotGridLogic.onFill', () => {
  it.each<[string, GridFill, [string, string, number, number, number] | null]>([
    // case, fill, expected [side, role, level, price, qty]
    ['buy filled -> sell one level up', fill('buy', 2, 2, 104), ['sell', 'close', 3, 106, 2]],
    ['partial buy -> sell what filled', fill('buy', 2, 1, 103.98), ['sell', 'close', 3, 106, 1]],
    ['sell filled -> buy one level down', fill('sell', 3, 2, 106), ['buy', 'open', 2, 104, 2]],
    ['partial sell -> buy back what filled', fill('sell', 5, 1, 110.02), ['buy', 'open', 4, 108, 1]],
    ['buy below the top -> sell at the top', fill('buy', 4, 2, 108), ['sell', 'close', 5, 110, 2]],
    ['buy at the top level -> nothing above', fill('buy', 5, 2, 110), null],
    ['sell at the bottom level -> nothing below', fill('sell', 0, 2, 100), null],
    ['crypto partial fill', fill('buy', 0, 0.003125, 100), ['sell', 'close', 1, 102, 0.003125]],
  ])('%s', (_case, input, expected) => {
    const reaction = spotGridLogic.onFill(config(), EQUITY, input);
    const [order] = reaction.orders;
    expect(order ? [order.side, order.role, order.level, order.limitPrice, order.qty] : null).toEqual(expected);
    expect(reaction.orders.length).toBe(expected ? 1 : 0);
    expect(reaction.cancelOtherOpenOrders).toBe(false);
    if (order) expect(order).toMatchObject({ symbol: 'AAPL', type: 'limit', timeInForce: 'gtc' });
  });

  it('walks a round trip down and back up the ladder', () => {
    // Price falls from 105 through 104 and 102, then rises back through 104 and 106.
    const down1 = spotGridLogic.onFill(config(), EQUITY, fill('buy', 2, 2, 104)).orders[0];
    const down2 = spotGridLogic.onFill(config(), EQUITY, fill('buy', 1, 2, 102)).orders[0];
    const up1 = spotGridLogic.onFill(config(), EQUITY, { ...fill('sell', 2, 2, 104), role: down2.role }).orders[0];
    const up2 = spotGridLogic.onFill(config(), EQUITY, { ...fill('sell', 3, 2, 106), role: down1.role }).orders[0];
    expect([down1, down2, up1, up2].map((o) => `${o.side} ${o.qty}@${o.limitPrice} L${o.level} ${o.role}`)).toEqual([
      'sell 2@106 L3 close',
      'sell 2@104 L2 close',
      'buy 2@102 L1 open',
      'buy 2@104 L2 open',
    ]);
  });

  it('explains the counter order and the ladder end', () => {
    expect(spotGridLogic.onFill(config(), EQUITY, fill('buy', 2, 1, 103.98)).reason).toBe(
      'grid buy of 1 AAPL filled at 103.98 on level 2: sell 1 at level 3 (106.00)',
    );
    expect(spotGridLogic.onFill(config(), EQUITY, fill('buy', 5, 2, 110)).reason).toBe(
      'grid buy of 2 AAPL filled at 110.00 on level 5: level 5 is the top of the grid, no level above to sell at',
    );
  });

  it.each<[GridFill, string]>([
    [fill('buy', 6, 1, 100), 'fill level 6 is not a level of this 6-level grid'],
    [fill('buy', -1, 1, 100), 'fill level -1 is not a level of this 6-level grid'],
    [fill('sell', 1.5, 1, 100), 'fill level 1.5 is not a level of this 6-level grid'],
    [fill('buy', 1, 0, 100), 'fill quantity must be greater than 0, got 0'],
  ])('rejects %j', (input, message) => {
    expect(() => spotGridLogic.onFill(config(), EQUITY, input)).toThrow(message);
  });
});

describe('spotGridLogic.roundTripProfit', () => {
  it.each([
    [104, 106, 2, 4],
    [100, 102, 0.5, 1],
    [0.5333, 0.5667, 1000, 33.4],
    [60_000, 65_000, 0.007692, 38.46],
    [100, 100, 3, 0],
    [106, 104, 2, -4],
  ])('buy %p sell %p qty %p -> %p', (buy, sell, qty, expected) => {
    expect(spotGridLogic.roundTripProfit({ side: 'buy', price: buy, qty: 5 }, { side: 'sell', price: sell, qty })).toEqual({ usd: expected, units: 0 });
  });

  it('completes no round trip with a buy', () => {
    expect(spotGridLogic.roundTripProfit({ side: 'sell', price: 106, qty: 2 }, { side: 'buy', price: 104, qty: 2 })).toBeNull();
  });
});

describe('spotGridLogic.ladder', () => {
  it('lists every level', () => {
    expect(spotGridLogic.ladder(config(), 105)).toEqual([100, 102, 104, 106, 108, 110].map((price, level) => ({ level, price })));
  });
});
