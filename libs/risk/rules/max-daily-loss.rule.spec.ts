import { buy, riskInput, sell } from '../testing/risk-input.fixture';
import { maxDailyLossRule } from './max-daily-loss.rule';

describe('maxDailyLossRule', () => {
  // The fixture's equity is $100,000, so the default user limit is $5,000.
  it.each([
    ['no loss today', { strategy: 0, user: 0 }, {}, [buy(1)], 0, true, undefined],
    ['a profit today', { strategy: 800, user: 900 }, {}, [buy(1)], 0, true, undefined],
    ['a user loss short of 5% of equity', { strategy: -100, user: -4_999 }, {}, [buy(1)], 0, true, undefined],
    ['a user loss of 5% of equity', { strategy: -100, user: -5_000 }, {}, [buy(1)], 0, false, 'user'],
    ['a user loss beyond the user limit', { strategy: -100, user: -600 }, { user: { max_daily_loss: 500 } }, [buy(1)], 0, false, 'user'],
    ['a strategy loss beyond its own limit', { strategy: -250, user: -250 }, { strategy: { max_daily_loss: 200 } }, [buy(1)], 0, false, 'strategy'],
    ['a strategy loss within its own limit', { strategy: -150, user: -150 }, { strategy: { max_daily_loss: 200 } }, [buy(1)], 0, true, undefined],
    ['selling what is held after the limit is hit', { strategy: -9_000, user: -9_000 }, {}, [sell(5)], 5, true, undefined],
  ])('%s: allowed %p', (_label, realizedPnlToday, settings, orders, held, allowed, scope) => {
    const verdict = maxDailyLossRule(riskInput({ realizedPnlToday, orders, accountPositionQty: held }, settings));
    expect(verdict.allow).toBe(allowed);
    if (!verdict.allow) expect(verdict.details.scope).toBe(scope);
  });

  it('says how much was lost against which limit', () => {
    expect(maxDailyLossRule(riskInput({ realizedPnlToday: { strategy: -300, user: -300 } }, { strategy: { max_daily_loss: 200 } }))).toEqual({
      allow: false,
      rule: 'max_daily_loss',
      reason: "this strategy realised -$300.00 today, a loss at or beyond the strategy's max_daily_loss $200.00; no new positions until the next trading day",
      details: { scope: 'strategy', realized_pnl_today: -300, max_daily_loss: 200, limit_source: 'strategy' },
    });
  });
});
