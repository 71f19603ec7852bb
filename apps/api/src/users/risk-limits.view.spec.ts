import { riskLimitsView } from './risk-limits.view';

describe('riskLimitsView', () => {
  it('shows the defaults when the user set nothing, the daily loss as a percent of equity', () => {
    expect(riskLimitsView({})).toEqual({
      max_order_notional: 25_000,
      max_position_pct: 25,
      max_open_orders: 200,
      max_daily_loss: null,
      max_daily_loss_pct_of_equity: 5,
      stop_loss_cooldown_minutes: 60,
      sources: { max_order_notional: 'default', max_position_pct: 'default', max_open_orders: 'default', max_daily_loss: 'default', stop_loss_cooldown_minutes: 'default' },
      defaults: { max_order_notional: 25_000, max_position_pct: 25, max_open_orders: 200, stop_loss_cooldown_minutes: 60, max_daily_loss_pct_of_equity: 5 },
    });
  });

  it("shows the user's own limits where set", () => {
    expect(riskLimitsView({ max_order_notional: 100_000, max_daily_loss: 750 })).toMatchObject({
      max_order_notional: 100_000,
      max_daily_loss: 750,
      max_daily_loss_pct_of_equity: null,
      sources: { max_order_notional: 'user', max_daily_loss: 'user', max_position_pct: 'default' },
    });
  });
});
