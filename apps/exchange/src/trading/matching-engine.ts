import { randomUUID } from 'node:crypto';
import { forbidden, unprocessable } from '../http/api-error';
import { findAsset } from '../market/asset-catalog';
import type { ExchangeClock } from '../market/exchange-clock';
import type { PriceBook } from '../market/price-book';
import type { ExchangeStore } from '../store/exchange-store';
import { OPEN_ORDER_STATUSES, type AccountRecord, type OrderRecord } from '../store/records';
import { formatDecimal, roundQty } from './decimal';
import type { Ledger } from './ledger';
import type { ValidatedOrder } from './order-validation';
import type { TradeEventHub } from './trade-events';

/**
 * Accepts orders and fills them against the price book. Fills are whole (no partial fills).
 * Market orders fill at the current price when their market is open; equity orders placed
 * while it is closed wait as `accepted` and fill on the first run after the open. A resting limit
 * order fills at its limit price once the price crosses it; one that is marketable on arrival
 * fills at once at the (better) current price.
 */
export class MatchingEngine {
  private lastSubmissionMs = 0;

  constructor(
    private readonly store: ExchangeStore,
    private readonly prices: PriceBook,
    private readonly clock: ExchangeClock,
    private readonly ledger: Ledger,
    private readonly events: TradeEventHub,
    private readonly now: () => number = Date.now,
  ) {
    for (const order of store.orders.values()) {
      this.lastSubmissionMs = Math.max(this.lastSubmissionMs, Date.parse(order.submittedAt));
    }
  }

  submit(account: AccountRecord, request: ValidatedOrder): OrderRecord {
    return this.events.batch(() => {
      if (this.store.findOrderByClientOrderId(account.id, request.clientOrderId)) {
        throw unprocessable('client_order_id must be unique');
      }
      this.checkFunds(account, request);
      const now = this.submissionTime();
      const open = this.clock.isOpen(request.asset.assetClass);
      const order = this.store.saveOrder({
        id: randomUUID(),
        accountId: account.id,
        clientOrderId: request.clientOrderId,
        symbol: request.asset.symbol,
        assetId: request.asset.id,
        assetClass: request.asset.assetClass,
        side: request.side,
        type: request.type,
        timeInForce: request.timeInForce,
        qty: request.qty,
        notional: request.notional,
        limitPrice: request.limitPrice,
        status: open ? 'new' : 'accepted',
        filledQty: 0,
        filledAvgPrice: null,
        createdAt: now,
        updatedAt: now,
        submittedAt: now,
        filledAt: null,
        canceledAt: null,
        expiredAt: null,
        expiresAtMs: request.timeInForce === 'day' && request.asset.assetClass === 'us_equity' ? this.clock.dayOrderExpiry() : null,
      });
      this.events.publish('new', order, this.positionQty(order));
      this.tryFill(order, true);
      // Immediate-or-cancel and fill-or-kill orders never rest on the book.
      if (isOpen(order) && (order.timeInForce === 'ioc' || order.timeInForce === 'fok')) this.close(order, 'canceled');
      return order;
    });
  }

  cancel(order: OrderRecord): OrderRecord {
    if (!isOpen(order)) throw unprocessable(`order is already in "${order.status}" state`);
    return this.events.batch(() => this.close(order, 'canceled'));
  }

  /** Expires, activates and fills open orders against current prices and market hours. */
  run(): void {
    const nowMs = this.now();
    const open = this.store.openOrders().sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
    if (open.length === 0) return;
    this.events.batch(() => {
      for (const order of open) {
        if (order.expiresAtMs !== null && this.clock.followsSchedule() && nowMs >= order.expiresAtMs) {
          this.close(order, 'expired');
          continue;
        }
        if (!this.clock.isOpen(order.assetClass)) continue;
        if (order.status === 'accepted') this.store.saveOrder({ ...order, status: 'new' });
        this.tryFill(this.store.orders.get(order.id)!, false);
      }
    });
  }

  // Strictly increasing submission times, so listings sorted by submitted_at keep the order in
  // which orders arrived even when two land in the same millisecond.
  private submissionTime(): string {
    this.lastSubmissionMs = Math.max(this.now(), this.lastSubmissionMs + 1);
    return new Date(this.lastSubmissionMs).toISOString();
  }

  private checkFunds(account: AccountRecord, request: ValidatedOrder): void {
    const symbol = request.asset.symbol;
    if (request.side === 'buy') {
      const cost = this.ledger.estimatedCost({ symbol, qty: request.qty, notional: request.notional, limitPrice: request.limitPrice });
      if (cost > this.ledger.buyingPower(account)) throw forbidden('insufficient buying power');
      return;
    }
    const requested = this.ledger.estimatedQty({ symbol, qty: request.qty, notional: request.notional });
    const available = Math.max(0, this.ledger.availableQty(account.id, symbol));
    if (requested > available) {
      // Short selling arrives with a later issue; until then a sell needs the units in hand.
      throw forbidden(
        `insufficient qty available for order (requested: ${formatDecimal(requested)}, available: ${formatDecimal(available)})`,
      );
    }
  }

  private tryFill(order: OrderRecord, onArrival: boolean): void {
    if (!isOpen(order) || !this.clock.isOpen(order.assetClass)) return;
    const asset = findAsset(order.symbol);
    if (!asset) return;
    const market = this.prices.price(asset);
    let price: number;
    if (order.type === 'market') {
      price = market;
    } else {
      const limit = order.limitPrice!;
      const crossed = order.side === 'buy' ? market <= limit : market >= limit;
      if (!crossed) return;
      price = onArrival ? market : limit;
    }
    const qty = order.qty ?? roundQty(order.notional! / price);
    const held = this.positionQty(order);
    if (order.side === 'sell' && qty > held) {
      // The units were sold meanwhile (e.g. by a position close): nothing left to deliver.
      this.close(order, 'canceled');
      return;
    }
    const positionQty = this.ledger.applyFill(order, price, qty);
    const filled = this.store.saveOrder({
      ...order,
      status: 'filled',
      filledQty: qty,
      filledAvgPrice: price,
      filledAt: new Date(this.now()).toISOString(),
    });
    Object.assign(order, filled);
    this.events.publish('fill', filled, positionQty, { price, qty });
  }

  private close(order: OrderRecord, status: 'canceled' | 'expired'): OrderRecord {
    const now = new Date(this.now()).toISOString();
    const closed = this.store.saveOrder({
      ...order,
      status,
      canceledAt: status === 'canceled' ? now : order.canceledAt,
      expiredAt: status === 'expired' ? now : order.expiredAt,
    });
    Object.assign(order, closed);
    this.events.publish(status, closed, this.positionQty(closed));
    return closed;
  }

  private positionQty(order: OrderRecord): number {
    return this.store.positionOf(order.accountId, order.symbol)?.qty ?? 0;
  }
}

function isOpen(order: OrderRecord): boolean {
  return OPEN_ORDER_STATUSES.includes(order.status);
}
