import type { BasketTargets } from './basket-targets-field';
import { formatQty } from './reason-format';
import type { SymbolMarket } from './strategy';

/** One basket symbol as the rebalance sees it. Weights and drift in percent / percentage points. */
export interface BasketHolding {
  symbol: string;
  targetPct: number;
  /** USD per unit. */
  price: number;
  /** Units held by the account (0 when flat). */
  qty: number;
  /** USD at `price`. */
  value: number;
  weightPct: number;
  /** weightPct - targetPct. */
  driftPp: number;
}

export interface BasketValuation {
  holdings: BasketHolding[];
  /** USD market value of the holdings. */
  held: number;
  /** USD of allocated capital not yet put into the basket (at cost); counts towards the basket. */
  uninvested: number;
  /** USD the basket is rebalanced to: held + uninvested. */
  total: number;
}

export type BasketValuationResult = { ok: true; valuation: BasketValuation } | { ok: false; problem: string };

/**
 * Values the basket from the account's positions in its symbols.
 *
 * The basket is worth its holdings plus the allocated capital not yet invested, measured at cost
 * (allocated_capital minus what the held units cost, never below 0). So the first run invests
 * allocated_capital; later runs move money between holdings without adding any when prices fall
 * (the cost is unchanged), yet a first investment that only partly went through, or a raised
 * allocation, still gets invested.
 */
export function valueBasket(targets: BasketTargets, markets: Record<string, SymbolMarket>, allocatedCapital: number): BasketValuationResult {
  const priced: Omit<BasketHolding, 'weightPct' | 'driftPp'>[] = [];
  let cost = 0;
  for (const [symbol, targetPct] of Object.entries(targets)) {
    const market = markets[symbol];
    const price = market?.latestPrice ?? 0;
    if (!(price > 0)) return { ok: false, problem: `no latest price for ${symbol} (${market ? price : 'no market data'}), so the basket cannot be valued` };
    const qty = market.position?.qty ?? 0;
    if (qty < 0) return { ok: false, problem: `a short position of ${formatQty(-qty)} ${symbol} is open; smart_rebalance only holds long` };
    const entry = market.position?.avgEntryPrice ?? 0;
    cost += qty * (entry > 0 ? entry : price);
    priced.push({ symbol, targetPct, price, qty, value: qty * price });
  }
  const held = priced.reduce((sum, holding) => sum + holding.value, 0);
  const uninvested = Math.max(0, allocatedCapital - cost);
  const total = held + uninvested;
  const holdings = priced.map((holding) => {
    const weightPct = total > 0 ? (holding.value / total) * 100 : 0;
    return { ...holding, weightPct, driftPp: weightPct - holding.targetPct };
  });
  return { ok: true, valuation: { holdings, held, uninvested, total } };
}

// Drifts closer than this are equal: two symbols of a 50/50 basket drift by the same amount.
const TIE_PP = 1e-9;

/** The holding furthest from its target (the first of equals). */
export function largestDrift(valuation: BasketValuation): BasketHolding {
  return valuation.holdings.reduce((worst, holding) => (Math.abs(holding.driftPp) > Math.abs(worst.driftPp) + TIE_PP ? holding : worst));
}

/** Percent of the basket waiting in cash to be invested. */
export function uninvestedPct(valuation: BasketValuation): number {
  return valuation.total > 0 ? (valuation.uninvested / valuation.total) * 100 : 0;
}
