import type { AccountRecord } from '../store/records';
import { roundCash } from './decimal';
import type { Ledger } from './ledger';

/** Alpaca paper accounts are Reg T margin accounts (2x) from $2,000 of equity; below, cash accounts. */
export const MARGIN_MIN_EQUITY = 2_000;
const REG_T_MULTIPLIER = 2;
// Reg T: half of every position's value is the account's own money.
const INITIAL_MARGIN_RATE = 0.5;
const MAINTENANCE_MARGIN_RATE = 0.3;

export interface AccountBalances {
  cash: number;
  equity: number;
  longMarketValue: number;
  /** <= 0 */
  shortMarketValue: number;
  multiplier: 1 | 2;
  shortingEnabled: boolean;
  initialMargin: number;
  maintenanceMargin: number;
  /** What new equity buys and short sales may still use. */
  buyingPower: number;
  /** What crypto buys may use: crypto is never bought on margin. */
  nonMarginableBuyingPower: number;
}

/** What open orders hold back: only the parts that would open or grow a position. */
interface Reserved {
  openingBuys: number;
  cryptoBuys: number;
  shortSales: number;
}

/**
 * An account's money as GET /v2/account reports it. Margin accounts: buying power =
 * multiplier x equity - (long + |short| market value), less what open buy and short-sale orders
 * reserve. Cash accounts: cash less open buys (and the value of any short left from margin days).
 */
export function accountBalances(account: AccountRecord, ledger: Ledger): AccountBalances {
  const { long, short } = ledger.marketValues(account.id);
  const equity = roundCash(account.cash + long + short);
  const margin = equity >= MARGIN_MIN_EQUITY;
  const exposure = long - short;
  const reserved = reservedByOpenOrders(account.id, ledger);
  const buyingPower = margin
    ? REG_T_MULTIPLIER * equity - exposure - reserved.openingBuys - reserved.shortSales
    : account.cash + short - reserved.openingBuys;
  const freeCash = account.cash + short - reserved.cryptoBuys;
  return {
    cash: account.cash,
    equity,
    longMarketValue: long,
    shortMarketValue: short,
    multiplier: margin ? REG_T_MULTIPLIER : 1,
    shortingEnabled: margin,
    initialMargin: margin ? roundCash(exposure * INITIAL_MARGIN_RATE) : 0,
    maintenanceMargin: margin ? roundCash(exposure * MAINTENANCE_MARGIN_RATE) : 0,
    buyingPower: Math.max(0, roundCash(buyingPower)),
    nonMarginableBuyingPower: Math.max(0, roundCash(Math.min(buyingPower, freeCash))),
  };
}

/**
 * Walks the open orders oldest first per symbol: buys first cover a short, sells first use up the
 * long position; only the rest opens (or grows) a position and reserves buying power. Buys to
 * cover and sells to close do not give buying power back until they fill, as on Alpaca.
 */
function reservedByOpenOrders(accountId: string, ledger: Ledger): Reserved {
  const reserved: Reserved = { openingBuys: 0, cryptoBuys: 0, shortSales: 0 };
  // Per symbol: short units no earlier buy covers yet, long units no earlier sell uses yet.
  // No per-order rounding: this runs over every open order on each request.
  const coverable = new Map<string, number>();
  const sellable = new Map<string, number>();
  for (const order of ledger.openOrders(accountId)) {
    // Cross-pair buys are paid in their quote currency, which funds-check.ts holds back instead.
    if (order.side === 'buy' && ledger.quoteHoldingSymbol(order.symbol)) continue;
    // Keyed by what is held: BTC/USD and BTC/USDT sells draw on the same BTC.
    const key = ledger.holdingSymbol(order.symbol);
    const held = ledger.positionQty(accountId, order.symbol);
    const remaining = ledger.remainingQty(order);
    if (order.side === 'buy') {
      const opening = remaining - take(coverable, key, Math.max(0, -held), remaining);
      if (opening <= QTY_EPSILON) continue;
      const cost = order.notional !== null ? order.notional * (opening / remaining) : opening * (order.limitPrice ?? ledger.marketPrice(order.symbol));
      reserved.openingBuys += cost;
      if (order.assetClass === 'crypto') reserved.cryptoBuys += cost;
    } else {
      const shortQty = remaining - take(sellable, key, Math.max(0, held), remaining);
      if (shortQty > QTY_EPSILON) reserved.shortSales += shortQty * ledger.shortSalePrice(order.symbol, order.limitPrice);
    }
  }
  return reserved;
}

// Below Alpaca's smallest quantity step (1e-9): float residue, not a quantity.
const QTY_EPSILON = 1e-10;

/** Takes up to `wanted` from the symbol's pool (starting at `initial`) and returns what it got. */
function take(pool: Map<string, number>, symbol: string, initial: number, wanted: number): number {
  const left = pool.get(symbol) ?? initial;
  const taken = Math.min(wanted, left);
  pool.set(symbol, left - taken);
  return taken;
}
