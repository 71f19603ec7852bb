import type { OrderIntent } from '../../contracts';
import { buy, buyUsd, riskInput, sell } from '../testing/risk-input.fixture';
import { allocatedCapitalRule } from './allocated-capital.rule';

describe('allocatedCapitalRule', () => {
  it.each<[string, number | undefined, { qty: number; netInvested: number }, OrderIntent[], number, boolean]>([
    ['a strategy without allocated capital', undefined, { qty: 0, netInvested: 0 }, [buy(1_000)], 100, true],
    ['a first buy within it', 1_000, { qty: 0, netInvested: 0 }, [buyUsd(100)], 100, true],
    ['a DCA whose holding rose: worth more, cost within', 1_000, { qty: 9, netInvested: 900 }, [buyUsd(100)], 120, true],
    ['a DCA buying past its capital', 1_000, { qty: 10, netInvested: 1_000 }, [buyUsd(100)], 100, false],
    ['an infinity grid buying the dip: cost above, value within', 12_100, { qty: 110, netInvested: 12_650 }, [buy(11, 100)], 110, true],
    ['a runaway: cost and value above', 1_000, { qty: 20, netInvested: 2_000 }, [buy(1)], 100, false],
    ['selling down is always allowed', 1_000, { qty: 20, netInvested: 2_000 }, [sell(5)], 100, true],
    ['a short grid within its capital', 500, { qty: -2, netInvested: -210 }, [sell(1, 110)], 105, true],
    ['a short grid beyond it', 300, { qty: -2, netInvested: -210 }, [sell(1, 110)], 105, false],
  ])('%s: allowed %p', (_label, strategyCapital, strategyPosition, orders, latestPrice, allowed) => {
    expect(allocatedCapitalRule(riskInput({ strategyCapital, strategyPosition, orders, latestPrice })).allow).toBe(allowed);
  });

  it('gives cost, value and capital', () => {
    expect(allocatedCapitalRule(riskInput({ strategyCapital: 1_000, strategyPosition: { qty: 10, netInvested: 1_000 }, orders: [buyUsd(100)] }))).toEqual({
      allow: false,
      rule: 'allocated_capital',
      reason: "after buy 1 AAPL the strategy's position would cost $1,100.00 and be worth $1,100.00, above its allocated capital $1,000.00",
      details: { symbol: 'AAPL', position_qty_after: 11, position_cost_after: 1_100, position_value_after: 1_100, allocated_capital: 1_000 },
    });
  });
});
