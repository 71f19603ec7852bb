import { buy, riskInput, sell } from '../testing/risk-input.fixture';
import { assetNotTradableRule } from './asset-not-tradable.rule';

describe('assetNotTradableRule', () => {
  it.each([
    ['a tradable asset', true, true],
    ['a halted asset', false, false],
  ])('%s: allowed %p', (_label, tradable, allowed) => {
    const verdict = assetNotTradableRule(riskInput({ orders: [buy(1), sell(1, 110)], asset: { assetClass: 'us_equity', tradable, shortable: true } }));
    expect(verdict.allow).toBe(allowed);
    if (!verdict.allow) expect(verdict).toMatchObject({ rule: 'asset_not_tradable', reason: expect.stringContaining('AAPL is not tradable'), details: { symbol: 'AAPL' } });
  });
});
