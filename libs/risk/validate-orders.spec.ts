import type { RiskInput, RiskRejection, RiskRule } from './risk-rule';
import { RISK_RULES, validateOrders } from './validate-orders';
import { buy, buyUsd, riskInput } from './testing/risk-input.fixture';

/** Every rule the orders break, in the rules order: what validateOrders would report one by one. */
function allRejections(input: RiskInput): RiskRejection[] {
  return RISK_RULES.map((rule) => rule(input)).filter((verdict): verdict is RiskRejection => !verdict.allow);
}

describe('validateOrders', () => {
  it('allows orders that break no rule', () => {
    expect(validateOrders(riskInput({ orders: [buyUsd(100)] }))).toEqual({ allow: true });
  });

  it('returns the first rule broken, in the rules order', () => {
    // Closed market and an order above the user limit: the clock is reported first.
    const input = riskInput({ orders: [buyUsd(1_000)], market: { isOpen: false, nextOpen: null } }, { user: { max_order_notional: 500 } });
    expect(validateOrders(input)).toMatchObject({ allow: false, rule: 'market_closed' });
    expect(allRejections(input).map((r) => r.rule)).toEqual(['market_closed', 'max_order_notional']);
  });

  it('runs the rules it is given, stopping at the first rejection', () => {
    const calls: string[] = [];
    const allow: RiskRule = () => (calls.push('allow'), { allow: true });
    const refuse: RiskRule = () => (calls.push('refuse'), { allow: false, rule: 'max_open_orders', reason: 'no', details: {} });
    const never: RiskRule = () => (calls.push('never'), { allow: true });
    expect(validateOrders(riskInput(), [allow, refuse, never])).toMatchObject({ allow: false, rule: 'max_open_orders' });
    expect(calls).toEqual(['allow', 'refuse']);
  });

  it('has every rule of the issue', () => {
    const everything = riskInput({
      orders: [buy(1_000)],
      market: { isOpen: false, nextOpen: null },
      asset: { assetClass: 'us_equity', tradable: false, shortable: false },
      lastStopLossAt: new Date(Date.parse('2026-07-15T14:59:00Z')),
      realizedPnlToday: { strategy: -10_000, user: -10_000 },
      openOrders: 500,
      strategyCapital: 10,
      account: { equity: 1_000, buyingPower: 10, nonMarginableBuyingPower: 10 },
    });
    expect(allRejections(everything).map((r) => r.rule)).toEqual([
      'asset_not_tradable',
      'market_closed',
      'stop_loss_cooldown',
      'max_daily_loss',
      'max_open_orders',
      'max_order_notional',
      'max_position_pct',
      'allocated_capital',
      'insufficient_buying_power',
    ]);
    expect(RISK_RULES).toHaveLength(10);
  });
});
