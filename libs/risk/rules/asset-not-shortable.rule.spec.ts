import type { OrderIntent } from '../../contracts';
import type { RiskAsset } from '../risk-rule';
import { buy, riskInput, sell } from '../testing/risk-input.fixture';
import { assetNotShortableRule } from './asset-not-shortable.rule';

const shortable: RiskAsset = { assetClass: 'us_equity', tradable: true, shortable: true };
const hardToBorrow: RiskAsset = { assetClass: 'us_equity', tradable: true, shortable: false };
const crypto: RiskAsset = { assetClass: 'crypto', tradable: true, shortable: true };

describe('assetNotShortableRule', () => {
  it.each<[string, OrderIntent[], number, RiskAsset, boolean]>([
    ['selling what is held', [sell(5)], 5, hardToBorrow, true],
    ['selling more than is held, shortable', [sell(8)], 5, shortable, true],
    ['selling more than is held, hard to borrow', [sell(8)], 5, hardToBorrow, false],
    ['a short sale when flat, hard to borrow', [sell(1, 110)], 0, hardToBorrow, false],
    ['buying back a short, hard to borrow', [buy(3)], -3, hardToBorrow, true],
    ['sells covered by the market buy before them (reverse grid)', [sell(2, 110), buy(4), sell(2, 120)], 0, crypto, true],
    ['a crypto sale beyond the holding', [sell(2, undefined, 'BTC/USD')], 1, crypto, false],
  ])('%s: allowed %p', (_label, orders, held, asset, allowed) => {
    expect(assetNotShortableRule(riskInput({ orders, accountPositionQty: held, asset })).allow).toBe(allowed);
  });

  it('names the short it would open', () => {
    expect(assetNotShortableRule(riskInput({ orders: [sell(8)], accountPositionQty: 5, asset: hardToBorrow }))).toEqual({
      allow: false,
      rule: 'asset_not_shortable',
      reason: 'selling 8 AAPL with 5 held would open a short position, and AAPL cannot be sold short at the broker (not easy to borrow)',
      details: { symbol: 'AAPL', sell_qty: 8, position_qty: 5, short_qty: 3 },
    });
  });
});
