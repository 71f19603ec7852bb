import type { OrderIntent } from '../../contracts';
import type { RiskAsset } from '../risk-rule';
import { buy, buyUsd, riskInput, sell } from '../testing/risk-input.fixture';
import { insufficientBuyingPowerRule } from './insufficient-buying-power.rule';

const equity: RiskAsset = { assetClass: 'us_equity', tradable: true, shortable: true };
const crypto: RiskAsset = { assetClass: 'crypto', tradable: true, shortable: false };
const account = { equity: 5_000, buyingPower: 10_000, nonMarginableBuyingPower: 5_000 };

describe('insufficientBuyingPowerRule', () => {
  it.each<[string, OrderIntent[], number, RiskAsset, boolean]>([
    ['a buy within buying power', [buyUsd(9_000)], 0, equity, true],
    ['a buy beyond it', [buyUsd(10_001)], 0, equity, false],
    ['a ladder whose buys add up beyond it', [buy(40, 100), buy(40, 95), buy(40, 90)], 0, equity, false],
    ['selling a holding needs none', [sell(500)], 500, equity, true],
    ['a short sale beyond it', [sell(101)], 0, equity, false],
    ['crypto within cash', [buyUsd(4_000, 'BTC/USD')], 0, crypto, true],
    ['crypto beyond cash, within margin buying power', [buyUsd(6_000, 'BTC/USD')], 0, crypto, false],
  ])('%s: allowed %p', (_label, orders, held, asset, allowed) => {
    expect(insufficientBuyingPowerRule(riskInput({ orders, accountPositionQty: held, asset, account })).allow).toBe(allowed);
  });

  it('says what is needed and what there is', () => {
    expect(insufficientBuyingPowerRule(riskInput({ orders: [buyUsd(12_000)], account }))).toEqual({
      allow: false,
      rule: 'insufficient_buying_power',
      reason: 'the orders need $12,000.00 of buying power, the account has $10,000.00',
      details: { required: 12_000, available: 10_000, orders: 1 },
    });
  });
});
