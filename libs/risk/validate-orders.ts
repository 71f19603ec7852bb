import type { RiskInput, RiskRule, RiskVerdict } from './risk-rule';
import { allocatedCapitalRule } from './rules/allocated-capital.rule';
import { assetNotShortableRule } from './rules/asset-not-shortable.rule';
import { assetNotTradableRule } from './rules/asset-not-tradable.rule';
import { insufficientBuyingPowerRule } from './rules/insufficient-buying-power.rule';
import { marketClosedRule } from './rules/market-closed.rule';
import { maxDailyLossRule } from './rules/max-daily-loss.rule';
import { maxOpenOrdersRule } from './rules/max-open-orders.rule';
import { maxOrderNotionalRule } from './rules/max-order-notional.rule';
import { maxPositionPctRule } from './rules/max-position-pct.rule';
import { stopLossCooldownRule } from './rules/stop-loss-cooldown.rule';

/**
 * Every rule, in the order a user would want to hear about them: first what no setting can
 * change (the asset, the clock), then the pauses (cooldown, daily loss), then sizes and money.
 */
export const RISK_RULES: readonly RiskRule[] = [
  assetNotTradableRule,
  marketClosedRule,
  assetNotShortableRule,
  stopLossCooldownRule,
  maxDailyLossRule,
  maxOpenOrdersRule,
  maxOrderNotionalRule,
  maxPositionPctRule,
  allocatedCapitalRule,
  insufficientBuyingPowerRule,
];

/** The first rule the orders break, or allow when they break none. */
export function validateOrders(input: RiskInput, rules: readonly RiskRule[] = RISK_RULES): RiskVerdict {
  for (const rule of rules) {
    const verdict = rule(input);
    if (!verdict.allow) return verdict;
  }
  return { allow: true };
}
