import { randomUUID } from 'node:crypto';
import { unprocessable } from '../http/api-error';
import { findAsset } from '../market/asset-catalog';
import type { ExchangeClock } from '../market/exchange-clock';
import type { PriceBook } from '../market/price-book';
import type { ExchangeStore } from '../store/exchange-store';
import { OPEN_ORDER_STATUSES, type AccountRecord, type OrderRecord } from '../store/records';
import { accountBalances } from './account-balances';
import { roundQty } from './decimal';
import { checkFunds } from './funds-check';
import { bySubmission, type Ledger } from './ledger';
import type { ValidatedOrder } from './order-validation';
import { DEFAULT_TOUCH_FILL_RATIO, touchFillQty, type FillSettings } from './touch-fill';
import type { TradeEventHub } from './trade-events';

/**
 * Accepts orders and fills them against the price book. Market orders fill whole at the current
 * price when their market is open; equity orders placed while it is closed wait as `accepted`
 * and fill on the first run after the open. A limit order fills whole once the price crosses its
 * limit (at the limit when resting, at the better current price when marketable on arrival).
 * A price that only touches the limit fills `touchFillRatio` of what remains (`partial_fill`),
 * once per visit of the price to that level.
 */
export class MatchingEngine {
  private lastSubmissionMs = 0;
  // Order id -> the price of its last touch fill, while the price stays there. In memory: after a
  // restart an order sitting at its limit may get one more touch fill.
  private readonly touchedAt = new Map<string, number>();

  constructor(
    private readonly store: ExchangeStore,
    private readonly prices: PriceBook,
    private readonly clock: ExchangeClock,
    private readonly ledger: Ledger,
    private readonly events: TradeEventHub,
    private readonly fills: FillSettings = { touchFillRatio: DEFAULT_TOUCH_FILL_RATIO },
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
      const positionIntent = checkFunds(this.ledger, account, request);
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
        positionIntent,
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
    const open = this.store.openOrders().sort(bySubmission);
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

  private tryFill(order: OrderRecord, onArrival: boolean): void {
    if (!isOpen(order) || !this.clock.isOpen(order.assetClass)) return;
    const asset = findAsset(order.symbol);
    if (!asset) return;
    // Market orders fill at the trade price, not at the quote's ask/bid: many tests assert exact
    // fill prices, and the configured spread (POST /admin/quotes) shows in quotes only.
    const market = this.prices.price(asset);
    const remaining = order.qty === null || order.filledQty === 0 ? order.qty : roundQty(order.qty - order.filledQty);
    const execution: Execution | undefined =
      order.type === 'market'
        ? { price: market, qty: remaining ?? roundQty(order.notional! / market) }
        : this.limitExecution(order, market, remaining!, onArrival);
    if (!execution) return;
    if (order.side === 'sell' && !this.canDeliver(order, execution.qty)) {
      // The units were sold meanwhile (e.g. by a position close) and no short is allowed.
      this.close(order, 'canceled');
      return;
    }
    if (order.side === 'buy' && !this.canPay(order, execution)) {
      // A cross pair's quote currency was spent meanwhile: it cannot be borrowed.
      this.close(order, 'canceled');
      return;
    }
    this.execute(order, execution.price, execution.qty);
  }

  /** Crossed: the rest fills. Touched: a share of it, once per visit of the price. Else nothing. */
  private limitExecution(order: OrderRecord, market: number, remaining: number, onArrival: boolean): Execution | undefined {
    const limit = order.limitPrice!;
    const touchedPrice = this.touchedAt.get(order.id);
    // The price left the level since the last touch fill: touching it again is a new visit.
    if (touchedPrice !== undefined && touchedPrice !== market) this.touchedAt.delete(order.id);
    if (market === limit) {
      if (touchedPrice === market) return undefined;
      const qty = touchFillQty(remaining, order.assetClass, this.fills.touchFillRatio);
      // Fill-or-kill never fills in part.
      if (order.timeInForce === 'fok' && qty < remaining) return undefined;
      this.touchedAt.set(order.id, market);
      return { price: limit, qty };
    }
    const crossed = order.side === 'buy' ? market < limit : market > limit;
    // Resting orders fill at their limit; one marketable on arrival at the (better) current price.
    return crossed ? { price: onArrival ? market : limit, qty: remaining } : undefined;
  }

  /** Books one execution and publishes `fill` (order complete) or `partial_fill`. */
  private execute(order: OrderRecord, price: number, qty: number): void {
    const positionQty = this.ledger.applyFill(order, price, qty);
    const filledQty = roundQty(order.filledQty + qty);
    const complete = order.qty === null || filledQty >= order.qty;
    const updated = this.store.saveOrder({
      ...order,
      status: complete ? 'filled' : 'partially_filled',
      filledQty,
      filledAvgPrice: ((order.filledAvgPrice ?? 0) * order.filledQty + price * qty) / filledQty,
      filledAt: complete ? new Date(this.now()).toISOString() : null,
    });
    Object.assign(order, updated);
    if (complete) this.touchedAt.delete(order.id);
    this.events.publish(complete ? 'fill' : 'partial_fill', updated, positionQty, { price, qty });
  }

  /** Whether a sell of `qty` can be delivered: from the long position, or as a short sale. */
  private canDeliver(order: OrderRecord, qty: number): boolean {
    if (qty <= Math.max(0, this.positionQty(order))) return true;
    const asset = findAsset(order.symbol)!;
    const account = this.store.accounts.get(order.accountId)!;
    return asset.shortable && accountBalances(account, this.ledger).shortingEnabled;
  }

  /** USD buys are checked against buying power on arrival; a cross pair needs its quote currency now. */
  private canPay(order: OrderRecord, execution: Execution): boolean {
    const quoteHolding = this.ledger.quoteHoldingSymbol(order.symbol);
    if (!quoteHolding) return true;
    return this.ledger.quoteCost(order, execution.qty) <= this.ledger.positionQty(order.accountId, quoteHolding);
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
    this.touchedAt.delete(order.id);
    this.events.publish(status, closed, this.positionQty(closed));
    return closed;
  }

  /** The position the order trades (BTC for BTC/USDT), as trade_updates report it. */
  private positionQty(order: OrderRecord): number {
    return this.ledger.positionQty(order.accountId, order.symbol);
  }
}

/** One fill: price per unit (in the pair's quote currency) and units. */
interface Execution {
  price: number;
  qty: number;
}

function isOpen(order: OrderRecord): boolean {
  return OPEN_ORDER_STATUSES.includes(order.status);
}
