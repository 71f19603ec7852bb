import type { OrderIntent } from '../../contracts';
import { resolveRiskLimits, type RiskLimitSettings } from '../risk-limits';
import type { RiskInput } from '../risk-rule';

export const NOW = new Date('2026-07-15T15:00:00Z');

export function buy(qty: number, limitPrice?: number, symbol = 'AAPL'): OrderIntent {
  return limitPrice === undefined
    ? { symbol, side: 'buy', type: 'market', timeInForce: 'day', qty }
    : { symbol, side: 'buy', type: 'limit', timeInForce: 'gtc', qty, limitPrice };
}

export function sell(qty: number, limitPrice?: number, symbol = 'AAPL'): OrderIntent {
  return { ...buy(qty, limitPrice, symbol), side: 'sell' };
}

export function buyUsd(notional: number, symbol = 'AAPL'): OrderIntent {
  return { symbol, side: 'buy', type: 'market', timeInForce: 'day', notional };
}

/**
 * A calm $100,000 account at an open market, price 100, flat, no history; every limit at its
 * default unless `limits` sets it (as the user's) or `strategyLimits` does.
 */
export function riskInput(overrides: Partial<RiskInput> = {}, settings: { user?: RiskLimitSettings; strategy?: RiskLimitSettings } = {}): RiskInput {
  const account = overrides.account ?? { equity: 100_000, buyingPower: 200_000, nonMarginableBuyingPower: 100_000 };
  return {
    orders: [buy(10)],
    now: NOW,
    latestPrice: 100,
    account,
    market: { isOpen: true, nextOpen: '2026-07-16T13:30:00Z' },
    asset: { assetClass: 'us_equity', tradable: true, shortable: true },
    accountPositionQty: 0,
    strategyPosition: { qty: 0, netInvested: 0 },
    openOrders: 0,
    realizedPnlToday: { strategy: 0, user: 0 },
    lastStopLossAt: null,
    limits: resolveRiskLimits({ strategy: settings.strategy ?? {}, user: settings.user ?? {}, equity: account.equity }),
    ...overrides,
  };
}
