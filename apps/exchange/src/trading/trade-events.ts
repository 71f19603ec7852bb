import type { ExchangeStore } from '../store/exchange-store';
import type { OrderRecord } from '../store/records';
import { formatDecimal } from './decimal';
import { toOrderJson } from './order-json';

export type TradeEventName = 'new' | 'fill' | 'partial_fill' | 'canceled' | 'expired';

/** One entry of an account's trade_updates stream, in Alpaca's shape. */
export interface TradeUpdate {
  event: TradeEventName;
  execution_id?: string;
  order: Record<string, unknown>;
  timestamp: string;
  position_qty: string;
  price?: string;
  qty?: string;
}

export type TradeUpdateListener = (accountId: string, update: TradeUpdate) => void;

/**
 * The per-account log of order events (persisted) and an in-process emitter over it. Events
 * produced inside `batch` reach listeners only after the batch's writes committed, so a
 * listener never sees an event that a failed transaction rolled back.
 */
export class TradeEventHub {
  private readonly listeners = new Set<TradeUpdateListener>();
  private pending: Array<[string, TradeUpdate]> | null = null;
  private seq: number;

  constructor(private readonly store: ExchangeStore) {
    this.seq = store.tradeEvents.values().reduce((max, event) => Math.max(max, event.seq), 0);
  }

  subscribe(listener: TradeUpdateListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  batch<T>(work: () => T): T {
    if (this.pending) return work();
    this.pending = [];
    let delivered: Array<[string, TradeUpdate]> = [];
    try {
      const result = this.store.transaction(work);
      delivered = this.pending;
      return result;
    } finally {
      this.pending = null;
      for (const [accountId, update] of delivered) this.deliver(accountId, update);
    }
  }

  publish(event: TradeEventName, order: OrderRecord, positionQty: number, fill?: { price: number; qty: number }): void {
    this.seq += 1;
    const timestamp = new Date().toISOString();
    const id = String(this.seq).padStart(12, '0');
    this.store.tradeEvents.put({
      id,
      seq: this.seq,
      accountId: order.accountId,
      event,
      orderId: order.id,
      price: fill?.price ?? null,
      qty: fill?.qty ?? null,
      positionQty,
      timestamp,
    });
    const update: TradeUpdate = {
      event,
      order: toOrderJson(order),
      timestamp,
      position_qty: formatDecimal(positionQty),
      ...(fill && { execution_id: id, price: formatDecimal(fill.price), qty: formatDecimal(fill.qty) }),
    };
    if (this.pending) this.pending.push([order.accountId, update]);
    else this.deliver(order.accountId, update);
  }

  private deliver(accountId: string, update: TradeUpdate): void {
    for (const listener of this.listeners) {
      try {
        listener(accountId, update);
      } catch {
        // A faulty listener must not break order processing or starve the other listeners.
      }
    }
  }
}
