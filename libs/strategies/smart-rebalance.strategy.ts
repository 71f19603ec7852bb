import { z } from 'zod';
import type { OrderIntent } from '../contracts';
import { basketTargetsField } from './basket-targets-field';
import { largestDrift, uninvestedPct, valueBasket, type BasketHolding, type BasketValuation } from './basket-valuation';
import { intervalSecondsField, mustBe, positiveUsdField } from './config-fields';
import { hold } from './hold-decision';
import { riskLimitFields } from './risk-limit-fields';
import { timeInForceFor } from './order-sizing';
import { planRebalance, type RebalancePlan } from './rebalance-plan';
import { formatQty, formatUsd } from './reason-format';
import type { Decision, DecisionInput, StrategyDefinition } from './strategy';
import { STRATEGY_INTERVAL_SECONDS } from './strategy-schedule';

export const smartRebalanceConfigSchema = z.strictObject({
  targets: basketTargetsField,
  allocated_capital: positiveUsdField('USD the basket may put in at cost; the first run invests it across the targets.'),
  drift_threshold_pct: z
    .number({ error: mustBe('a number greater than 0 and at most 100') })
    .positive()
    .max(100)
    .describe('Rebalance when any weight is more than this many percentage points from its target.')
    .default(5),
  min_trade_usd: z
    .number({ error: mustBe('a number greater than or equal to 1') })
    .min(1)
    .describe('USD; trades smaller than this are skipped.')
    .default(10),
  interval_seconds: intervalSecondsField,
  ...riskLimitFields,
});

export type SmartRebalanceConfig = z.infer<typeof smartRebalanceConfigSchema>;

// A weight exactly at the threshold has not drifted "more than" it, whatever the float noise.
const DRIFT_EPSILON_PP = 1e-9;

const pct = (value: number) => `${Number(value.toFixed(2))}%`;

function signedPp(value: number): string {
  const rounded = Number(value.toFixed(1));
  return `${rounded > 0 ? '+' : ''}${rounded === 0 ? '0.0' : rounded.toFixed(1)} pp`;
}

function versusTarget(holding: BasketHolding): string {
  return `${holding.symbol} ${holding.weightPct.toFixed(1)}% vs ${pct(holding.targetPct)} target`;
}

/** Whether the basket trades now, and why (the hold reason when it is close enough). */
function rebalanceTrigger(valuation: BasketValuation, thresholdPp: number): { due: boolean; text: string } {
  if (valuation.held <= 0) return { due: true, text: `investing ${formatUsd(valuation.total)} of allocated capital (nothing held yet)` };
  const worst = largestDrift(valuation);
  const threshold = `${Number(thresholdPp.toFixed(2))} pp`;
  if (Math.abs(worst.driftPp) > thresholdPp + DRIFT_EPSILON_PP) {
    return { due: true, text: `rebalancing: ${versusTarget(worst)} (${signedPp(worst.driftPp)}) exceeds ${threshold}` };
  }
  const cashPct = uninvestedPct(valuation);
  if (cashPct > thresholdPp + DRIFT_EPSILON_PP) {
    return { due: true, text: `investing: ${formatUsd(valuation.uninvested)} of allocated capital uninvested is ${cashPct.toFixed(1)}% of the basket, more than ${threshold}` };
  }
  const cash = valuation.uninvested >= 0.01 ? `, ${formatUsd(valuation.uninvested)} uninvested` : '';
  return {
    due: false,
    text: `max drift ${Math.abs(worst.driftPp).toFixed(1)} pp (${versusTarget(worst)}) within ${threshold} threshold; basket ${formatUsd(valuation.total)}${cash}`,
  };
}

function ordersOf(plan: RebalancePlan): OrderIntent[] {
  const market = (symbol: string) => ({ symbol, type: 'market' as const, timeInForce: timeInForceFor(symbol) });
  return [
    ...plan.sells.map(({ symbol, qty }) => ({ ...market(symbol), side: 'sell' as const, qty })),
    ...plan.buys.map(({ symbol, notional }) => ({ ...market(symbol), side: 'buy' as const, notional })),
  ];
}

function describePlan(plan: RebalancePlan): string {
  const trades = [
    ...plan.sells.map((sell) => `sell ${formatQty(sell.qty)} ${sell.symbol}`),
    ...plan.buys.map((buy) => `buy ${formatUsd(buy.notional)} ${buy.symbol}`),
  ];
  const parts = [trades.join(', ')];
  if (plan.skipped.length > 0) parts.push(`skipped ${plan.skipped.join(', ')}`);
  if (plan.scaled) parts.push(plan.scaled);
  return parts.filter((part) => part.length > 0).join('; ');
}

function rebalanceCount(state: Record<string, unknown>): number {
  const count = state.rebalances;
  return typeof count === 'number' && Number.isInteger(count) && count > 0 ? count : 0;
}

function decide({ config, asOf, markets, account, state }: DecisionInput<SmartRebalanceConfig>): Decision {
  const valued = valueBasket(config.targets, markets, config.allocated_capital);
  if (!valued.ok) return hold(valued.problem, state);
  const { valuation } = valued;
  const trigger = rebalanceTrigger(valuation, config.drift_threshold_pct);
  if (!trigger.due) return hold(trigger.text, state);

  const plan = planRebalance(valuation, { minTradeUsd: config.min_trade_usd, buyingPower: account.buyingPower });
  const orders = ordersOf(plan);
  if (orders.length === 0) return hold(`${trigger.text}, but no trade is possible: ${describePlan(plan)}`, state);
  const lastWeights = Object.fromEntries(valuation.holdings.map((h) => [h.symbol, Number(h.weightPct.toFixed(2))]));
  return {
    // Sells first, each independently: the proceeds of one leg are not a reason to unwind another.
    placement: 'each',
    // A run that sells and buys is recorded as a buy: its sells only fund its buys.
    action: plan.buys.length > 0 ? 'buy' : 'sell',
    reason: `${trigger.text}; ${describePlan(plan)}`,
    orders,
    nextState: {
      ...state,
      rebalances: rebalanceCount(state) + 1,
      last_rebalance_at: asOf.toISOString(),
      last_weights: lastWeights,
      last_basket_value: Number(valuation.total.toFixed(2)),
    },
  };
}

export const smartRebalanceStrategy: StrategyDefinition<SmartRebalanceConfig, 'smart_rebalance'> = {
  type: 'smart_rebalance',
  kind: 'interval',
  intervalSeconds: STRATEGY_INTERVAL_SECONDS.smart_rebalance,
  supported: true,
  description:
    'Holds a basket at target weights: the first run invests allocated_capital across the targets; later runs rebalance when any weight drifts more than drift_threshold_pct points, selling before buying and skipping trades below min_trade_usd.',
  configSchema: smartRebalanceConfigSchema,
  // Only latest prices and positions matter; one daily bar per symbol keeps the request valid.
  marketData: (config) => {
    const [symbol, ...otherSymbols] = Object.keys(config.targets);
    return { symbol, timeframe: '1Day', limit: 1, otherSymbols };
  },
  decide,
};
