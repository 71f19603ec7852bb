import { MAX_GRID_COUNT } from '../strategies/grid/grid-levels';
import { DEFAULT_RISK_LIMITS } from './risk-defaults';
import { pickRiskLimits, resolveRiskLimits } from './risk-limits';

describe('resolveRiskLimits', () => {
  it('uses the defaults when nobody set anything, and 5% of equity for the daily loss', () => {
    expect(resolveRiskLimits({ strategy: {}, user: {}, equity: 40_000 })).toEqual({
      max_order_notional: { value: 25_000, source: 'default' },
      max_position_pct: { value: 25, source: 'default' },
      max_open_orders: { value: 200, source: 'default' },
      stop_loss_cooldown_minutes: { value: 60, source: 'default' },
      max_daily_loss_user: { value: 2_000, source: 'default' },
    });
  });

  it('lets the user raise a default above it', () => {
    const limits = resolveRiskLimits({ strategy: {}, user: { max_order_notional: 100_000, max_position_pct: 60, max_daily_loss: 9_000 }, equity: 40_000 });
    expect(limits.max_order_notional).toEqual({ value: 100_000, source: 'user' });
    expect(limits.max_position_pct).toEqual({ value: 60, source: 'user' });
    expect(limits.max_daily_loss_user).toEqual({ value: 9_000, source: 'user' });
  });

  it.each([
    ['max_order_notional', 100, 500, { value: 100, source: 'strategy' }],
    ['max_order_notional', 900, 500, { value: 500, source: 'user' }],
    ['max_open_orders', 10, undefined, { value: 10, source: 'strategy' }],
    ['max_position_pct', 80, undefined, { value: 25, source: 'default' }],
    ['stop_loss_cooldown_minutes', 120, 30, { value: 120, source: 'strategy' }],
    ['stop_loss_cooldown_minutes', 10, 30, { value: 30, source: 'user' }],
  ] as const)('%s: strategy %p, user %p -> the stricter %p', (field, own, user, expected) => {
    const limits = resolveRiskLimits({ strategy: { [field]: own }, user: user === undefined ? {} : { [field]: user }, equity: 10_000 });
    expect(limits[field]).toEqual(expected);
  });

  it("keeps a strategy's own daily loss limit beside the user's", () => {
    const limits = resolveRiskLimits({ strategy: { max_daily_loss: 50 }, user: {}, equity: 10_000 });
    expect(limits.max_daily_loss_strategy).toEqual({ value: 50, source: 'strategy' });
    expect(limits.max_daily_loss_user).toEqual({ value: 500, source: 'default' });
  });

  it('lets the largest grid keep an order on every level by default', () => {
    expect(DEFAULT_RISK_LIMITS.max_open_orders).toBeGreaterThanOrEqual(MAX_GRID_COUNT);
  });
});

describe('pickRiskLimits', () => {
  it('keeps the known limit fields with finite numbers and drops the rest', () => {
    expect(pickRiskLimits({ symbol: 'AAPL', max_order_notional: 100, max_open_orders: '5', max_daily_loss: Number.NaN, stop_loss_cooldown_minutes: 0 })).toEqual({
      max_order_notional: 100,
      stop_loss_cooldown_minutes: 0,
    });
    expect(pickRiskLimits(null)).toEqual({});
  });
});
