import { findAsset } from '../market/asset-catalog';
import type { PriceBook } from '../market/price-book';
import { positionId, type ExchangeStore } from '../store/exchange-store';
import type { OrderRecord, PositionRecord } from '../store/records';
import { roundCash, roundQty } from './decimal';

// Alpaca values an opening short sale at the higher of its limit and 3 % above the ask.
const SHORT_SALE_ASK_COLLAR = 1.03;

/**
 * Cash, positions (negative quantities are shorts) and what open orders still want to trade.
 * Margin rules and buying power live in account-balances.ts.
 */
export class Ledger {
  constructor(
    private readonly store: ExchangeStore,
    private readonly prices: PriceBook,
  ) {}

  marketPrice(symbol: string): number {
    return this.prices.price(this.asset(symbol));
  }

  /** USD per unit a short sale is checked at: max(limit, ask + 3 %). */
  shortSalePrice(symbol: string, limitPrice: number | null): number {
    return Math.max(limitPrice ?? 0, this.prices.quote(this.asset(symbol)).ask * SHORT_SALE_ASK_COLLAR);
  }

  positions(accountId: string): PositionRecord[] {
    return this.store.positionsOf(accountId);
  }

  positionQty(accountId: string, symbol: string): number {
    return this.store.positionOf(accountId, symbol)?.qty ?? 0;
  }

  /** Market value of long positions (>= 0) and of short ones (<= 0). */
  marketValues(accountId: string): { long: number; short: number } {
    let long = 0;
    let short = 0;
    for (const position of this.positions(accountId)) {
      const value = position.qty * this.marketPrice(position.symbol);
      if (value >= 0) long += value;
      else short += value;
    }
    return { long: roundCash(long), short: roundCash(short) };
  }

  /** What a buy is expected to spend: notional, qty x limit, or qty x current price. */
  estimatedCost(order: Pick<OrderRecord, 'symbol' | 'qty' | 'notional' | 'limitPrice'>): number {
    if (order.notional !== null) return order.notional;
    const price = order.limitPrice ?? this.marketPrice(order.symbol);
    return roundCash((order.qty ?? 0) * price);
  }

  estimatedQty(order: Pick<OrderRecord, 'symbol' | 'qty' | 'notional'>): number {
    return order.qty ?? roundQty((order.notional ?? 0) / this.marketPrice(order.symbol));
  }

  /** The part of an open order not filled yet (notional orders never fill in parts). */
  remainingQty(order: OrderRecord): number {
    const qty = this.estimatedQty(order);
    return order.filledQty === 0 ? qty : roundQty(qty - order.filledQty);
  }

  /** Long units of `symbol` not yet promised to open sell orders; negative when short. */
  availableQty(accountId: string, symbol: string): number {
    const promised = this.openOrders(accountId)
      .filter((order) => order.side === 'sell' && order.symbol === symbol)
      .reduce((sum, order) => sum + this.remainingQty(order), 0);
    const held = this.positionQty(accountId, symbol);
    return roundQty(held - (held > 0 ? promised : 0));
  }

  /** A position's qty_available: what open orders on the closing side have not claimed yet. */
  positionQtyAvailable(position: PositionRecord): number {
    if (position.qty >= 0) return Math.max(0, this.availableQty(position.accountId, position.symbol));
    const covering = this.openOrders(position.accountId)
      .filter((order) => order.side === 'buy' && order.symbol === position.symbol)
      .reduce((sum, order) => sum + this.remainingQty(order), 0);
    return Math.min(0, roundQty(position.qty + covering));
  }

  /** Oldest first. */
  openOrders(accountId: string): OrderRecord[] {
    return this.store
      .openOrders()
      .filter((order) => order.accountId === accountId)
      .sort(bySubmission);
  }

  /** Books one execution: moves cash and the position. Returns the position quantity afterwards. */
  applyFill(order: OrderRecord, price: number, qty: number): number {
    const account = this.store.accounts.get(order.accountId);
    if (!account) throw new Error(`order ${order.id} has no account`);
    const value = order.notional !== null ? order.notional : roundCash(qty * price);
    const existing = this.store.positionOf(account.id, order.symbol);
    const held = existing?.qty ?? 0;
    const signed = order.side === 'buy' ? qty : -qty;
    const after = roundQty(held + signed);

    // A short sale's proceeds land in cash like any sale; the short position offsets them in equity.
    this.store.accounts.put({ ...account, cash: roundCash(account.cash + (order.side === 'buy' ? -value : value)) });
    if (after === 0) {
      this.store.positions.delete(positionId(account.id, order.symbol));
    } else {
      this.store.positions.put({
        id: positionId(account.id, order.symbol),
        accountId: account.id,
        symbol: order.symbol,
        qty: after,
        avgEntryPrice: entryPriceAfter(held, existing?.avgEntryPrice ?? price, signed, price),
      });
    }
    return after;
  }

  private asset(symbol: string) {
    const asset = findAsset(symbol);
    if (!asset) throw new Error(`unknown asset ${symbol}`);
    return asset;
  }
}

/** Submission order; ISO timestamps compare as plain strings (localeCompare is far slower). */
export function bySubmission(a: OrderRecord, b: OrderRecord): number {
  return a.submittedAt < b.submittedAt ? -1 : a.submittedAt > b.submittedAt ? 1 : 0;
}

/**
 * Adding to a position (either side) averages the entry price; reducing it keeps the entry of
 * what remains; crossing zero starts the new side at the execution price.
 */
function entryPriceAfter(held: number, entry: number, signed: number, price: number): number {
  const after = held + signed;
  if (held === 0 || Math.sign(held) === Math.sign(signed)) return (Math.abs(held) * entry + Math.abs(signed) * price) / Math.abs(after);
  return Math.sign(after) === Math.sign(held) ? entry : price;
}
