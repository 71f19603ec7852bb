import type { OrderIntent } from '../../contracts';
import { buy, buyUsd, riskInput, sell } from '../testing/risk-input.fixture';
import { maxPositionPctRule } from './max-position-pct.rule';

describe('maxPositionPctRule', () => {
  // Equity $100,000 at price 100: the default 25% is $25,000, 250 shares.
  it.each<[string, OrderIntent[], number, object, boolean]>([
    ['a first buy of 10%', [buy(100)], 0, {}, true],
    ['adding to 25% exactly', [buy(50)], 200, {}, true],
    ['adding beyond 25%', [buy(51)], 200, {}, false],
    ['a notional buy beyond 25%', [buyUsd(26_000)], 0, {}, false],
    ['a short sale beyond 25%', [sell(300)], 0, {}, false],
    ['selling down a position already above the limit', [sell(100)], 400, {}, true],
    ['a grid ladder valued at each level: 3 x 80 at 100, 95, 90 (21,600 at the lowest fill)', [buy(80, 100), buy(80, 95), buy(80, 90)], 0, {}, true],
    ['a grid ladder that ends above the limit', [buy(100, 100), buy(100, 95), buy(100, 90)], 0, {}, false],
    ['a user limit of 50%', [buy(400)], 0, { user: { max_position_pct: 50 } }, true],
    ['a strategy limit of 5%', [buy(60)], 0, { strategy: { max_position_pct: 5 } }, false],
  ])('%s: allowed %p', (_label, orders, held, settings, allowed) => {
    expect(maxPositionPctRule(riskInput({ orders, accountPositionQty: held }, settings)).allow).toBe(allowed);
  });

  it('blocks everything that opens a position when equity is gone', () => {
    expect(maxPositionPctRule(riskInput({ orders: [buy(1)], account: { equity: 0, buyingPower: 0, nonMarginableBuyingPower: 0 } })).allow).toBe(false);
  });

  it('gives the position value and share of equity', () => {
    expect(maxPositionPctRule(riskInput({ orders: [buy(100)], accountPositionQty: 200 }))).toEqual({
      allow: false,
      rule: 'max_position_pct',
      reason: 'after buy 100 AAPL the position would be 300 worth $30,000.00 (30.0% of equity $100,000.00), above the default max_position_pct 25%',
      details: { symbol: 'AAPL', position_qty_after: 300, position_value_after: 30_000, equity: 100_000, max_position_pct: 25, limit_source: 'default' },
    });
  });
});
