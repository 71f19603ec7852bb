import { describeIssue, fieldPath } from '../config-issues';
import { futuresGridConfigSchema, futuresGridLogic, type FuturesGridConfig } from './futures-grid';
import type { GridFill, GridOrder, GridStartMarket } from './grid-logic';

// AAPL ladder: levels 0..5 = 100, 102, 104, 106, 108, 110.
const BASE = { symbol: 'AAPL', lower_price: 100, upper_price: 110, grid_count: 6 };
const PRICES = [100, 102, 104, 106, 108, 110];
const EQUITY = { startPrice: 105, isCrypto: false };

function config(overrides: Record<string, unknown> = {}): FuturesGridConfig {
  return futuresGridConfigSchema.parse({ ...BASE, quantity_per_grid: 2, ...overrides });
}

function market(overrides: Partial<GridStartMarket> = {}): GridStartMarket {
  return { price: 105, isCrypto: false, shortable: true, buyingPower: 100_000, positionQty: 0, ...overrides };
}

function fill(side: 'buy' | 'sell', role: 'open' | 'close', level: number, qty = 2): GridFill {
  return { side, role, level, qty, price: PRICES[level] ?? 100 };
}

const show = (orders: GridOrder[]) => orders.map((o) => `${o.side} ${o.qty}@${o.limitPrice} L${o.level} ${o.role}`);

describe('futuresGridConfigSchema', () => {
  it('defaults to a long grid without leverage', () => {
    expect(futuresGridConfigSchema.parse({ ...BASE, allocated_capital: 1000 })).toEqual({ ...BASE, spacing: 'arithmetic', allocated_capital: 1000, direction: 'long', leverage: 1 });
  });

  it.each<[Record<string, unknown>, string[]]>([
    [{ ...BASE, allocated_capital: 1000, leverage: 6 }, ['configuration.leverage must be a whole number from 1 to 5']],
    [{ ...BASE, allocated_capital: 1000, leverage: 1.5 }, ['configuration.leverage must be a whole number from 1 to 5']],
    [{ ...BASE, allocated_capital: 1000, direction: 'up' }, ['configuration.direction must be "long", "short" or "neutral"']],
    [{ ...BASE, quantity_per_grid: 2, leverage: 2 }, ['configuration.leverage must be 1 with quantity_per_grid (leverage scales allocated_capital)']],
    [{ ...BASE, quantity_per_grid: 0.5 }, ['configuration.quantity_per_grid must be a whole number of shares for equities (Alpaca allows fractional quantities only on market day orders)']],
    [
      { symbol: 'BTC/USD', lower_price: 60_000, upper_price: 70_000, grid_count: 3, allocated_capital: 1000, direction: 'neutral' },
      ['configuration.direction must be "long" for BTC/USD: crypto cannot be sold short (Alpaca does not allow shorting crypto)'],
    ],
  ])('%j -> %j', (input, errors) => {
    const parsed = futuresGridConfigSchema.safeParse(input, { error: describeIssue });
    expect(parsed.error?.issues.map((issue) => `${fieldPath('configuration', issue.path)} ${issue.message}`)).toEqual(errors);
  });
});

describe('futuresGridLogic.initialOrders', () => {
  it.each<[string, Record<string, unknown>, number, string[]]>([
    ['long: buys below the price', { direction: 'long' }, 105, ['buy 2@100 L0 open', 'buy 2@102 L1 open', 'buy 2@104 L2 open']],
    ['short: short sells above the price', { direction: 'short' }, 105, ['sell 2@106 L3 open', 'sell 2@108 L4 open', 'sell 2@110 L5 open']],
    ['neutral: both, none on the level at the price', { direction: 'neutral' }, 104, ['buy 2@100 L0 open', 'buy 2@102 L1 open', 'sell 2@106 L3 open', 'sell 2@108 L4 open', 'sell 2@110 L5 open']],
    ['short never sells on level 0', { direction: 'short' }, 99, ['sell 2@102 L1 open', 'sell 2@104 L2 open', 'sell 2@106 L3 open', 'sell 2@108 L4 open', 'sell 2@110 L5 open']],
    [
      'capital x leverage split over every opening order',
      { quantity_per_grid: undefined, allocated_capital: 3000, leverage: 2, direction: 'neutral' },
      105,
      ['buy 10@100 L0 open', 'buy 9@102 L1 open', 'buy 9@104 L2 open', 'sell 9@106 L3 open', 'sell 9@108 L4 open', 'sell 9@110 L5 open'],
    ],
    ['capital without leverage', { quantity_per_grid: undefined, allocated_capital: 3000 }, 105, ['buy 10@100 L0 open', 'buy 9@102 L1 open', 'buy 9@104 L2 open']],
  ])('%s', (_case, overrides, price, expected) => {
    expect(show(futuresGridLogic.initialOrders(config(overrides), market({ price })))).toEqual(expected);
  });

  it('says a sell opens a short', () => {
    expect(futuresGridLogic.initialOrders(config({ direction: 'short' }), market())[0].reason).toBe('grid start: sell 2 AAPL short at level 3 (106.00), above the current 105.00');
  });
});

describe('futuresGridLogic.onFill', () => {
  it('keeps both sides of a neutral grid cycling as the price falls and rises', () => {
    const steps: Array<[string, GridFill, string[]]> = [
      ['falls to 104: the long buy fills', fill('buy', 'open', 2), ['sell 2@106 L3 close']],
      ['falls to 102', fill('buy', 'open', 1), ['sell 2@104 L2 close']],
      ['rises to 104: the long closes', fill('sell', 'close', 2), ['buy 2@102 L1 open']],
      ['rises to 106: the long closes', fill('sell', 'close', 3), ['buy 2@104 L2 open']],
      ['at 106 the short opens too', fill('sell', 'open', 3), ['buy 2@104 L2 close']],
      ['rises to 108: another short', fill('sell', 'open', 4), ['buy 2@106 L3 close']],
      ['falls to 106: the short closes', fill('buy', 'close', 3), ['sell 2@108 L4 open']],
      ['a partial fill answers what filled', fill('sell', 'open', 4, 1), ['buy 1@106 L3 close']],
      ['an opening buy on the top level has nothing above', fill('buy', 'open', 5), []],
      ['a short on level 0 has nothing below', fill('sell', 'open', 0), []],
    ];
    for (const [, input, expected] of steps) {
      const reaction = futuresGridLogic.onFill(config({ direction: 'neutral' }), EQUITY, input);
      expect(show(reaction.orders)).toEqual(expected);
      expect(reaction.cancelOtherOpenOrders).toBe(false);
    }
  });

  it('explains the answer', () => {
    expect(futuresGridLogic.onFill(config({ direction: 'short' }), EQUITY, fill('buy', 'close', 3)).reason).toBe(
      'futures grid (short) buy of 2 AAPL filled at 106.00 on level 3: sell 2 short at level 4 (108.00)',
    );
  });

  it('rejects a level outside the ladder', () => {
    expect(() => futuresGridLogic.onFill(config(), EQUITY, fill('buy', 'open', 6))).toThrow('fill level 6 is not a level of this 6-level grid');
  });
});

describe('futuresGridLogic.checkStart', () => {
  it.each<[string, Record<string, unknown>, Partial<GridStartMarket>, string]>([
    ['shorting crypto', { symbol: 'BTCUSD', direction: 'short' }, { isCrypto: true }, 'crypto cannot be sold short (Alpaca does not allow shorting crypto)'],
    ['not shortable', { direction: 'neutral' }, { shortable: false }, 'AAPL cannot be sold short on this account (the broker does not list it as shortable); use direction "long"'],
    ['price below the range', {}, { price: 99.99 }, 'current price 99.99 of AAPL is below the grid range 100.00-110.00; choose lower_price and upper_price around it'],
    ['price above the range', { direction: 'short' }, { price: 110.5 }, 'current price 110.50 of AAPL is above the grid range 100.00-110.00; choose lower_price and upper_price around it'],
    ['short with no level above', { direction: 'short' }, { price: 110 }, 'no grid level is above the current price 110.00 of AAPL, so the short grid would place no opening order'],
    [
      'capital too small for a share per level',
      { quantity_per_grid: undefined, allocated_capital: 100, leverage: 2 },
      {},
      'allocated_capital $100.00 at 2x leverage split over 3 opening levels ($66.67 each) trades less than one share of AAPL at level 0 (100.00); raise allocated_capital or lower grid_count',
    ],
    [
      'buying power short of every opening order',
      { direction: 'neutral' },
      { buyingPower: 1000 },
      'insufficient buying power for the whole grid: 3 buy orders and 3 short sell orders need $1,260.00, buying power is $1,000.00 ($260.00 missing)',
    ],
  ])('%s', (_case, overrides, marketOverrides, error) => {
    expect(futuresGridLogic.checkStart(config(overrides), market(marketOverrides))).toEqual({ ok: false, error });
  });

  it.each<[string, Record<string, unknown>, Partial<GridStartMarket>, number]>([
    ['long on crypto needs no shorting', { symbol: 'BTCUSD' }, { isCrypto: true, shortable: false }, 2 * (100 + 102 + 104)],
    ['long on a stock the broker will not lend', {}, { shortable: false }, 612],
    ['short', { direction: 'short' }, {}, 2 * (106 + 108 + 110)],
  ])('%s', (_case, overrides, marketOverrides, required) => {
    expect(futuresGridLogic.checkStart(config(overrides), market(marketOverrides))).toEqual({ ok: true, requiredBuyingPower: required });
  });
});

describe('futuresGridLogic.roundTripProfit', () => {
  it.each<[string, 'buy' | 'sell', number, number, number | null]>([
    ['long: buy 104, sell 106', 'buy', 104, 106, 4],
    ['short: sell 108, buy back 106', 'sell', 108, 106, 4],
    ['short at a loss: sell 106, buy back 108', 'sell', 106, 108, -4],
  ])('%s', (_case, openingSide, openingPrice, closingPrice, usd) => {
    const closingSide = openingSide === 'buy' ? 'sell' : 'buy';
    expect(futuresGridLogic.roundTripProfit({ side: openingSide, price: openingPrice, qty: 2 }, { side: closingSide, price: closingPrice, qty: 2 })).toEqual({ usd, units: 0 });
  });

  it('completes nothing on the same side', () => {
    expect(futuresGridLogic.roundTripProfit({ side: 'buy', price: 104, qty: 2 }, { side: 'buy', price: 102, qty: 2 })).toBeNull();
  });
});
