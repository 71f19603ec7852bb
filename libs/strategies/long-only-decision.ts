import { hold } from './hold-decision';
import { affordableQty, timeInForceFor } from './order-sizing';
import { formatPrice, formatQty, formatUsd } from './reason-format';
import type { Decision, StrategyAccount, StrategyPosition } from './strategy';

// The decisions every long-only, single-symbol signal rule ends in (momentum_breakout,
// mean_reversion, swing_trading, scalping, news_based_trading): hold, buy a budget's worth, sell
// the whole position.

type State = Record<string, unknown>;

/** "not enough data: 12 of 21 bars (9 missing) for the 20-bar z-score" */
export function notEnoughBars(have: number, need: number, purpose: string, state: State): Decision {
  return hold(`not enough data: ${have} of ${need} bars (${need - have} missing) for ${purpose}`, state);
}

/** "9 AAPL (entry 104.00)" */
export function describeHolding(position: StrategyPosition, symbol: string): string {
  return `${formatQty(position.qty)} ${symbol} (entry ${formatPrice(position.avgEntryPrice)})`;
}

export function refuseShort(position: StrategyPosition, symbol: string, type: string, state: State): Decision {
  return hold(`a short position of ${formatQty(-position.qty)} ${symbol} is open; ${type} only trades long`, state);
}

export interface LongEntry {
  symbol: string;
  /** USD this entry may spend: allocated_capital x position_size_pct. */
  budget: number;
  /** USD per unit the order is expected to fill near. */
  price: number;
  account: StrategyAccount;
  /** Why the rule wants in, with its numbers; the decision's reason starts with it. */
  signal: string;
  state: State;
  /** Remembered for the user's benefit until the exit; a function receives the quantity bought. */
  entryState: State | ((qty: number) => State);
}

/** A market buy of what the budget affords, or a hold saying why the signal cannot be acted on. */
export function buyWithBudget({ symbol, budget, price, account, signal, state, entryState }: LongEntry): Decision {
  if (!(price > 0)) return hold(`${signal}, but there is no valid price for ${symbol}`, state);
  const qty = affordableQty(budget, price, symbol);
  if (qty <= 0) return hold(`${signal}, but ${formatUsd(budget)} buys no ${symbol} at ${formatPrice(price)}`, state);
  const cost = qty * price;
  if (account.buyingPower < cost) {
    return hold(
      `${signal}, but buying power ${formatUsd(account.buyingPower)} is below the ${formatUsd(cost)} for ${formatQty(qty)} ${symbol}`,
      state,
    );
  }
  return {
    action: 'buy',
    reason: `${signal}; buying ${formatQty(qty)} ${symbol} at ~${formatPrice(price)}`,
    orders: [{ symbol, side: 'buy', type: 'market', timeInForce: timeInForceFor(symbol), qty }],
    nextState: { ...state, ...(typeof entryState === 'function' ? entryState(qty) : entryState) },
  };
}

/** A market sell of the whole position as the broker reports it, so nothing is left behind. */
export function sellAll(symbol: string, position: StrategyPosition, signal: string, state: State, entryKeys: readonly string[]): Decision {
  const nextState: State = { ...state };
  for (const key of entryKeys) delete nextState[key];
  return {
    action: 'sell',
    reason: `${signal}; selling all ${describeHolding(position, symbol)}`,
    orders: [{ symbol, side: 'sell', type: 'market', timeInForce: timeInForceFor(symbol), qty: position.qty }],
    nextState,
  };
}
