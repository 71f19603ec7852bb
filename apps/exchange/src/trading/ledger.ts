import { findAsset, holdingAsset, isCrossPair, usdPairOf, type Asset } from '../market/asset-catalog';
import type { PriceBook } from '../market/price-book';
import { positionId, type ExchangeStore } from '../store/exchange-store';
import type { OrderRecord, PositionRecord } from '../store/records';
import { roundCash, roundQty } from './decimal';

// Alpaca values an opening short sale at the higher of its limit and 3 % above the ask.
const SHORT_SALE_ASK_COLLAR = 1.03;

/**
 * Cash, positions (negative quantities are shorts) and what open orders still want to trade.
 * Margin rules and buying power live in account-balances.ts.
 *
 * Positions are kept per asset held: a crypto coin under its USD pair whichever pair traded it
 * (BTC/USDT and BTC/USD both move the BTC/USD position), with entry prices in USD. A cross pair
 * (BTC/USDT, ETH/BTC) is paid in its quote currency: the fill moves two positions and no cash.
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

  /** The position held through `symbol` (BTC for BTC/USDT); negative when short. */
  positionQty(accountId: string, symbol: string): number {
    return this.store.positionOf(accountId, this.holdingSymbol(symbol))?.qty ?? 0;
  }

  /** The symbol positions bought through `symbol` are kept under ("BTC/USDT" -> "BTC/USD"). */
  holdingSymbol(symbol: string): string {
    return holdingAsset(this.asset(symbol)).symbol;
  }

  /** Where a cross pair's quote currency is held ("BTC/USDT" -> "USDT/USD"); undefined when paid in USD cash. */
  quoteHoldingSymbol(symbol: string): string | undefined {
    const asset = this.asset(symbol);
    return isCrossPair(asset) ? usdPairOf(asset.quoteCurrency)?.symbol : undefined;
  }

  /**
   * What buying `qty` (all of the order by default) costs in the pair's quote currency, to 9
   * decimals rather than cents (ETH/BTC costs fractions of a bitcoin). A notional order costs its
   * notional: it never fills in parts.
   */
  quoteCost(order: Pick<OrderRecord, 'symbol' | 'qty' | 'notional' | 'limitPrice'>, qty = this.estimatedQty(order)): number {
    if (order.notional !== null) return order.notional;
    return roundQty(qty * (order.limitPrice ?? this.marketPrice(order.symbol)));
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

  /**
   * Long units held through `symbol` not yet promised to open orders (sells of the asset, and
   * buys of cross pairs paid in it: an open ETH/BTC buy holds BTC back); negative when short.
   */
  availableQty(accountId: string, symbol: string): number {
    const holding = this.holdingSymbol(symbol);
    const promised = this.openOrders(accountId).reduce((sum, order) => sum + this.promisedUnits(order, holding), 0);
    const held = this.positionQty(accountId, holding);
    return roundQty(held - (held > 0 ? promised : 0));
  }

  private promisedUnits(order: OrderRecord, holding: string): number {
    if (order.side === 'sell') return this.holdingSymbol(order.symbol) === holding ? this.remainingQty(order) : 0;
    return this.quoteHoldingSymbol(order.symbol) === holding ? this.quoteCost(order, this.remainingQty(order)) : 0;
  }

  /** A position's qty_available: what open orders on the closing side have not claimed yet. */
  positionQtyAvailable(position: PositionRecord): number {
    if (position.qty >= 0) return Math.max(0, this.availableQty(position.accountId, position.symbol));
    const uncovered = this.uncoveredShortQty(position.accountId, position.symbol);
    return uncovered === 0 ? 0 : -uncovered;
  }

  /** Short units of `symbol` (>= 0) that open buy orders do not already cover; 0 unless short. */
  uncoveredShortQty(accountId: string, symbol: string): number {
    const held = this.positionQty(accountId, symbol);
    if (held >= 0) return 0;
    const covering = this.openOrders(accountId)
      .filter((order) => order.side === 'buy' && order.symbol === symbol)
      .reduce((sum, order) => sum + this.remainingQty(order), 0);
    return Math.max(0, roundQty(-held - covering));
  }

  /** Oldest first. */
  openOrders(accountId: string): OrderRecord[] {
    return this.store
      .openOrders()
      .filter((order) => order.accountId === accountId)
      .sort(bySubmission);
  }

  /**
   * Books one execution: moves cash (or, for a cross pair, the quote currency's position) and the
   * position. Returns the position quantity afterwards.
   */
  applyFill(order: OrderRecord, price: number, qty: number): number {
    const account = this.store.accounts.get(order.accountId);
    if (!account) throw new Error(`order ${order.id} has no account`);
    const asset = this.asset(order.symbol);
    const signed = order.side === 'buy' ? qty : -qty;
    if (isCrossPair(asset)) return this.applyCrossFill(account.id, asset, order, price, signed);
    const value = order.notional !== null ? order.notional : roundCash(qty * price);
    // A short sale's proceeds land in cash like any sale; the short position offsets them in equity.
    this.store.accounts.put({ ...account, cash: roundCash(account.cash + (order.side === 'buy' ? -value : value)) });
    return this.movePosition(account.id, order.symbol, signed, price);
  }

  /** Buying BTC/USDT: BTC in, USDT out, both valued in USD at the quote currency's price now. */
  private applyCrossFill(accountId: string, asset: Asset, order: OrderRecord, price: number, signed: number): number {
    const quote = usdPairOf(asset.quoteCurrency)!;
    const quoteUsd = this.prices.price(quote);
    const value = order.notional !== null ? order.notional : roundQty(Math.abs(signed) * price);
    this.movePosition(accountId, quote.symbol, signed > 0 ? -value : value, quoteUsd);
    return this.movePosition(accountId, holdingAsset(asset).symbol, signed, price * quoteUsd);
  }

  /** Adds `signed` units at `usdPrice` each to the position held under `symbol`; returns its quantity after. */
  private movePosition(accountId: string, symbol: string, signed: number, usdPrice: number): number {
    const existing = this.store.positionOf(accountId, symbol);
    const held = existing?.qty ?? 0;
    const after = roundQty(held + signed);
    if (after === 0) {
      this.store.positions.delete(positionId(accountId, symbol));
    } else {
      this.store.positions.put({
        id: positionId(accountId, symbol),
        accountId,
        symbol,
        qty: after,
        avgEntryPrice: entryPriceAfter(held, existing?.avgEntryPrice ?? usdPrice, signed, usdPrice),
      });
    }
    return after;
  }

  private asset(symbol: string): Asset {
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
