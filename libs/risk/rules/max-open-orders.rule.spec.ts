import { buy, riskInput } from '../testing/risk-input.fixture';
import { maxOpenOrdersRule } from './max-open-orders.rule';

describe('maxOpenOrdersRule', () => {
  it.each([
    ['well under the default 200', 10, 1, {}, true],
    ['reaching the default exactly', 199, 1, {}, true],
    ['one over the default', 200, 1, {}, false],
    ['a grid set-up of 40 under a user limit of 30', 0, 40, { user: { max_open_orders: 30 } }, false],
    ['a strategy limit tighter than the default', 5, 1, { strategy: { max_open_orders: 5 } }, false],
    ['a strategy limit looser than the user limit', 12, 1, { user: { max_open_orders: 10 }, strategy: { max_open_orders: 50 } }, false],
  ])('%s: allowed %p', (_label, openOrders, count, settings, allowed) => {
    const orders = Array.from({ length: count }, (_, i) => buy(1, 90 - i));
    expect(maxOpenOrdersRule(riskInput({ openOrders, orders }, settings)).allow).toBe(allowed);
  });

  it('counts the open and the new orders', () => {
    expect(maxOpenOrdersRule(riskInput({ openOrders: 10, orders: [buy(1)] }, { user: { max_open_orders: 10 } }))).toEqual({
      allow: false,
      rule: 'max_open_orders',
      reason: '10 open orders and 1 new would make 11, above your max_open_orders 10',
      details: { open_orders: 10, new_orders: 1, max_open_orders: 10, limit_source: 'user' },
    });
  });
});
