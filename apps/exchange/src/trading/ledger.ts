import { findAsset } from '../market/asset-catalog';
import type { PriceBook } from '../market/price-book';
import { positionId, type ExchangeStore } from '../store/exchange-store';
import type { AccountRecord, OrderRecord, PositionRecord } from '../store/records';
import { roundCash, roundQty } from './decimal';

/**
 * Cash, positions and what open orders hold back. Accounts are cash accounts (multiplier 1, no
 * margin, no shorting yet): buying power is cash minus what open buy orders may spend.
 */
export class Ledger {
  constructor(
    private readonly store: ExchangeStore,
    private readonly prices: PriceBook,
  ) {}

  marketPrice(symbol: string): number {
    const asset = findAsset(symbol);
    if (!asset) throw new Error(`unknown asset ${symbol}`);
    return this.prices.price(asset);
  }

  positionsValue(accountId: string): number {
    return this.store
      .positionsOf(accountId)
      .reduce((sum, position) => sum + position.qty * this.marketPrice(position.symbol), 0);
  }

  equity(account: AccountRecord): number {
    return roundCash(account.cash + this.positionsValue(account.id));
  }

  buyingPower(account: AccountRecord): number {
    const reserved = this.openOrders(account.id)
      .filter((order) => order.side === 'buy')
      .reduce((sum, order) => sum + this.estimatedCost(order), 0);
    return Math.max(0, roundCash(account.cash - reserved));
  }

  /** What a buy order is expected to spend: notional, qty x limit, or qty x current price. */
  estimatedCost(order: Pick<OrderRecord, 'symbol' | 'qty' | 'notional' | 'limitPrice'>): number {
    if (order.notional !== null) return order.notional;
    const price = order.limitPrice ?? this.marketPrice(order.symbol);
    return roundCash((order.qty ?? 0) * price);
  }

  /** Units of `symbol` not yet promised to open sell orders. */
  availableQty(accountId: string, symbol: string): number {
    const held = this.openOrders(accountId)
      .filter((order) => order.side === 'sell' && order.symbol === symbol)
      .reduce((sum, order) => sum + this.estimatedQty(order), 0);
    return roundQty((this.store.positionOf(accountId, symbol)?.qty ?? 0) - held);
  }

  estimatedQty(order: Pick<OrderRecord, 'symbol' | 'qty' | 'notional'>): number {
    return order.qty ?? roundQty((order.notional ?? 0) / this.marketPrice(order.symbol));
  }

  openOrders(accountId: string): OrderRecord[] {
    return this.store.openOrders().filter((order) => order.accountId === accountId);
  }

  /** Books a fill: moves cash and the position. Returns the position quantity afterwards. */
  applyFill(order: OrderRecord, price: number, qty: number): number {
    const account = this.store.accounts.get(order.accountId);
    if (!account) throw new Error(`order ${order.id} has no account`);
    const value = order.notional !== null ? order.notional : roundCash(qty * price);
    const existing = this.store.positionOf(account.id, order.symbol);
    const held = existing?.qty ?? 0;
    const signed = order.side === 'buy' ? qty : -qty;
    const after = roundQty(held + signed);

    this.store.accounts.put({ ...account, cash: roundCash(account.cash + (order.side === 'buy' ? -value : value)) });
    if (after === 0) {
      this.store.positions.delete(positionId(account.id, order.symbol));
    } else {
      const position: PositionRecord = {
        id: positionId(account.id, order.symbol),
        accountId: account.id,
        symbol: order.symbol,
        qty: after,
        // Selling does not change the average entry price of what remains.
        avgEntryPrice: order.side === 'buy' ? (held * (existing?.avgEntryPrice ?? 0) + qty * price) / after : (existing?.avgEntryPrice ?? price),
      };
      this.store.positions.put(position);
    }
    return after;
  }
}
