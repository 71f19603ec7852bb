import { opensExposure, projectExposures } from './order-exposure';
import { buy, buyUsd, sell } from './testing/risk-input.fixture';

describe('projectExposures', () => {
  it('fills market orders first, then buys from the top down and sells from the bottom up, each side from the same start', () => {
    const walked = projectExposures(0, [buy(1, 90), sell(2, 120), buy(4), sell(2, 110), buy(1, 95)], 100).map((e) => [
      e.order.side,
      e.order.limitPrice ?? 'market',
      e.qtyBefore,
      e.qtyAfter,
      e.increase,
      e.netNotionalAfter,
    ]);
    expect(walked).toEqual([
      ['buy', 'market', 0, 4, 4, 400],
      ['buy', 95, 4, 5, 1, 495],
      ['buy', 90, 5, 6, 1, 585],
      ['sell', 110, 4, 2, 0, 180],
      ['sell', 120, 2, 0, 0, -60],
    ]);
  });

  it.each([
    ['opening a long', 0, buy(3), 3],
    ['adding to a long', 2, buy(3), 3],
    ['reducing a long', 5, sell(3), 0],
    ['flipping long to short counts the short side', 2, sell(5), 3],
    ['covering a short', -4, buy(4), 0],
    ['a notional buy at the latest price', 0, buyUsd(250), 2.5],
  ])('%s: grows by %p', (_label, held, order, increase) => {
    expect(projectExposures(held, [order], 100)[0].increase).toBe(increase);
  });

  it('tells a batch that opens something from one that only reduces', () => {
    expect(opensExposure(10, [sell(4, 110), sell(6, 120)], 100)).toBe(false);
    expect(opensExposure(10, [sell(4, 110), sell(7, 120)], 100)).toBe(true);
  });
});
