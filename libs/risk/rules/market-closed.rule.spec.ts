import type { RiskAsset } from '../risk-rule';
import { buy, buyUsd, riskInput, sell } from '../testing/risk-input.fixture';
import { marketClosedRule } from './market-closed.rule';

const equity: RiskAsset = { assetClass: 'us_equity', tradable: true, shortable: true };
const crypto: RiskAsset = { assetClass: 'crypto', tradable: true, shortable: false };

describe('marketClosedRule', () => {
  it.each([
    ['an equity market order while open', [buy(1)], equity, true, true],
    ['an equity market order while closed', [buy(1)], equity, false, false],
    ['an equity notional order while closed', [buyUsd(100)], equity, false, false],
    ['a market sell while closed', [sell(1)], equity, false, false],
    ['resting limit orders while closed (a grid ladder)', [buy(1, 90), sell(1, 110)], equity, false, true],
    ['a crypto market order at night', [buy(0.1, undefined, 'BTC/USD')], crypto, false, true],
  ])('%s: allowed %p', (_label, orders, asset, isOpen, allowed) => {
    const verdict = marketClosedRule(riskInput({ orders, asset, market: { isOpen, nextOpen: '2026-07-16T13:30:00Z' } }));
    expect(verdict.allow).toBe(allowed);
  });

  it('says when the market opens', () => {
    expect(marketClosedRule(riskInput({ market: { isOpen: false, nextOpen: '2026-07-16T13:30:00Z' } }))).toEqual({
      allow: false,
      rule: 'market_closed',
      reason: 'the equity market is closed, so the market order for AAPL waits for the open; it opens at 2026-07-16T13:30:00Z',
      details: { symbol: 'AAPL', next_open: '2026-07-16T13:30:00Z', market_orders: 1 },
    });
  });
});
