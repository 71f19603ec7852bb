import { buy, buyUsd, riskInput, sell } from '../testing/risk-input.fixture';
import { maxOrderNotionalRule } from './max-order-notional.rule';

describe('maxOrderNotionalRule', () => {
  it.each([
    ['$1,000 under the default $25,000', [buyUsd(1_000)], 0, {}, true],
    ['exactly the default', [buyUsd(25_000)], 0, {}, true],
    ['a misplaced zero', [buyUsd(250_000)], 0, {}, false],
    ['qty at the latest price, above a user limit', [buy(6)], 0, { user: { max_order_notional: 500 } }, false],
    ['qty at its limit price, within a user limit', [buy(5, 99)], 0, { user: { max_order_notional: 500 } }, true],
    ['a strategy limit tighter than the user limit', [buyUsd(150)], 0, { user: { max_order_notional: 500 }, strategy: { max_order_notional: 100 } }, false],
    ['a strategy limit cannot loosen the user limit', [buyUsd(600)], 0, { user: { max_order_notional: 500 }, strategy: { max_order_notional: 10_000 } }, false],
    ['selling a large holding is never blocked', [sell(1_000)], 1_000, { user: { max_order_notional: 500 } }, true],
    ['a large short sale is', [sell(1_000)], 0, { user: { max_order_notional: 500 } }, false],
  ])('%s: allowed %p', (_label, orders, held, settings, allowed) => {
    expect(maxOrderNotionalRule(riskInput({ orders, accountPositionQty: held }, settings)).allow).toBe(allowed);
  });

  it('says whose limit the order breaks', () => {
    expect(maxOrderNotionalRule(riskInput({ orders: [buyUsd(150)] }, { strategy: { max_order_notional: 100 } }))).toEqual({
      allow: false,
      rule: 'max_order_notional',
      reason: "buy order of $150.00 of AAPL is above the strategy's max_order_notional $100.00",
      details: { symbol: 'AAPL', side: 'buy', order_notional: 150, max_order_notional: 100, limit_source: 'strategy' },
    });
  });
});
