import { z } from 'zod';
import { commonConfigShape, positiveUsdField } from './config-fields';
import { exitRuleFields } from './exit-rule-fields';
import { hold } from './hold-decision';
import { riskLimitFields } from './risk-limit-fields';
import { fromCents, MIN_NOTIONAL_USD, timeInForceFor, toCents } from './order-sizing';
import { formatPrice, formatUsd } from './reason-format';
import type { Decision, DecisionInput, StrategyDefinition } from './strategy';
import { STRATEGY_INTERVAL_SECONDS } from './strategy-schedule';

export const dcaConfigSchema = z
  .strictObject({
    ...commonConfigShape,
    amount_per_buy: positiveUsdField('USD notional bought each run.'),
    ...exitRuleFields,
    ...riskLimitFields,
  })
  .refine((config) => config.allocated_capital >= config.amount_per_buy, {
    path: ['allocated_capital'],
    message: 'must be greater than or equal to amount_per_buy',
  });

export type DcaConfig = z.infer<typeof dcaConfigSchema>;

/** What DCA remembers between runs: USD notional sent so far and how many buys. */
interface DcaState {
  spent: number;
  buys: number;
}

function readState(state: Record<string, unknown>): DcaState {
  const number = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0);
  return { spent: number(state.spent), buys: Math.floor(number(state.buys)) };
}

function decide({ config, asOf, latestPrice, account, state }: DecisionInput<DcaConfig>): Decision {
  const { spent, buys } = readState(state);
  const allocatedCents = toCents(config.allocated_capital);
  const remainingCents = allocatedCents - toCents(spent);
  const allocated = formatUsd(config.allocated_capital);
  if (remainingCents <= 0) {
    return hold(`DCA complete: allocated capital ${allocated} fully spent after ${buys} buys`, state);
  }
  if (remainingCents < toCents(MIN_NOTIONAL_USD)) {
    return hold(
      `DCA complete: the remaining ${formatUsd(fromCents(remainingCents))} of ${allocated} is below the ${formatUsd(MIN_NOTIONAL_USD)} minimum order (${buys} buys made)`,
      state,
    );
  }
  const perBuyCents = toCents(config.amount_per_buy);
  if (perBuyCents < toCents(MIN_NOTIONAL_USD)) {
    return hold(`amount_per_buy ${formatUsd(config.amount_per_buy)} is below the ${formatUsd(MIN_NOTIONAL_USD)} minimum order`, state);
  }
  // The last buy spends exactly what is left, so the total never exceeds allocated_capital.
  const buyCents = Math.min(perBuyCents, remainingCents);
  const capped = buyCents < perBuyCents;
  const buyUsd = fromCents(buyCents);
  if (account.buyingPower < buyUsd) {
    const wanted = capped ? `the remaining allocation ${formatUsd(buyUsd)}` : `amount_per_buy ${formatUsd(buyUsd)}`;
    return hold(`buying power ${formatUsd(account.buyingPower)} below ${wanted}`, state);
  }

  const spentAfterCents = toCents(spent) + buyCents;
  const plannedBuys = buys + Math.ceil(remainingCents / perBuyCents);
  const which = capped || spentAfterCents >= allocatedCents ? 'final buy' : `buy ${buys + 1} of ${plannedBuys}`;
  const price = latestPrice > 0 ? ` at ~${formatPrice(latestPrice)}` : '';
  return {
    action: 'buy',
    reason:
      `DCA ${which}: ${formatUsd(buyUsd)} of ${config.symbol}${price}` +
      `${capped ? ' (capped at the remaining allocation)' : ''}; ` +
      `${formatUsd(fromCents(spentAfterCents))} of ${allocated} spent after this buy`,
    orders: [
      {
        symbol: config.symbol,
        side: 'buy',
        type: 'market',
        timeInForce: timeInForceFor(config.symbol),
        notional: buyUsd,
      },
    ],
    nextState: { ...state, spent: fromCents(spentAfterCents), buys: buys + 1, last_buy_at: asOf.toISOString() },
  };
}

export const dcaStrategy: StrategyDefinition<DcaConfig, 'dca'> = {
  type: 'dca',
  kind: 'interval',
  intervalSeconds: STRATEGY_INTERVAL_SECONDS.dca,
  supported: true,
  description:
    'Dollar-cost averaging: buys amount_per_buy USD (notional market order) every interval until allocated_capital is spent.',
  configSchema: dcaConfigSchema,
  // DCA ignores bars; one daily bar keeps the request valid and cheap.
  marketData: (config) => ({ symbol: config.symbol, timeframe: '1Day', limit: 1 }),
  decide,
};
