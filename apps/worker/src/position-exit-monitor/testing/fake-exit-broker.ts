import type { Broker, BrokerOrder, BrokerPosition, PlaceOrderRequest } from '../../../../../libs/broker/broker.port';
import { BrokerNotFoundError } from '../../../../../libs/broker/broker.errors';
import { brokerOrderOf } from '../../../../../libs/broker/testing/broker-order-of';

/** An account in memory: positions, latest prices and orders; market orders fill at once unless told otherwise. */
export class FakeExitBroker {
  readonly positions = new Map<string, BrokerPosition>();
  readonly prices = new Map<string, number>();
  readonly orders: BrokerOrder[] = [];
  readonly calls: string[] = [];
  fillMarketOrders = true;
  failNextPlacement?: Error;

  hold(symbol: string, qty: number, avgEntryPrice: number): void {
    this.positions.set(symbol, { symbol, qty, side: qty > 0 ? 'long' : 'short', avgEntryPrice, marketValue: qty * avgEntryPrice, currentPrice: avgEntryPrice, unrealizedPl: 0 });
  }

  restingOrder(clientOrderId: string, symbol: string, side: 'buy' | 'sell', limitPrice: number): BrokerOrder {
    const order = this.newOrder({ clientOrderId, symbol, side, type: 'limit', timeInForce: 'gtc', qty: 1, limitPrice }, 'new');
    this.orders.push(order);
    return order;
  }

  placedOrders(): BrokerOrder[] {
    return this.orders.filter((o) => o.clientOrderId.startsWith('ax-'));
  }

  readonly broker: Broker = {
    getAccount: async () => {
      throw new Error('not used');
    },
    getClock: async () => {
      throw new Error('not used');
    },
    getAsset: async () => {
      throw new Error('not used');
    },
    getBars: async () => [],
    getLatestPrice: async (symbol) => {
      this.calls.push(`price:${symbol}`);
      const price = this.prices.get(symbol);
      if (price === undefined) throw new BrokerNotFoundError(`no trades for ${symbol}`);
      return price;
    },
    getLatestQuote: async () => {
      throw new Error('not used');
    },
    getNews: async () => [],
    placeOrder: async (request) => {
      this.calls.push(`place:${request.clientOrderId}`);
      if (this.failNextPlacement) {
        const failure = this.failNextPlacement;
        this.failNextPlacement = undefined;
        throw failure;
      }
      const order = this.newOrder(request, this.fillMarketOrders ? 'filled' : 'new');
      this.orders.push(order);
      if (order.status === 'filled') this.applyFill(order);
      return order;
    },
    findOrderByClientOrderId: async (clientOrderId) => this.orders.find((o) => o.clientOrderId === clientOrderId),
    getOrder: async (id) => {
      this.calls.push(`get:${id}`);
      const order = this.orders.find((o) => o.id === id);
      if (!order) throw new BrokerNotFoundError('order not found');
      return order;
    },
    listOrders: async () => this.orders.filter((o) => ['new', 'accepted', 'partially_filled'].includes(o.status)),
    cancelOrder: async (id) => {
      this.calls.push(`cancel:${id}`);
      const order = this.orders.find((o) => o.id === id);
      if (order) order.status = 'canceled';
    },
    getPositions: async () => [...this.positions.values()],
    getPosition: async (symbol) => {
      this.calls.push(`position:${symbol}`);
      return this.positions.get(symbol);
    },
    closePosition: async () => {
      throw new Error('exits must carry their own client_order_id');
    },
  };

  /** Fills a resting exit order now (the broker caught up). */
  fill(order: BrokerOrder): void {
    order.status = 'filled';
    order.filledQty = order.qty ?? 0;
    this.applyFill(order);
  }

  private applyFill(order: BrokerOrder): void {
    const position = this.positions.get(order.symbol);
    if (!position) return;
    const qty = position.qty + (order.side === 'buy' ? 1 : -1) * (order.qty ?? 0);
    if (Math.abs(qty) < 1e-9) this.positions.delete(order.symbol);
    else this.hold(order.symbol, qty, position.avgEntryPrice);
  }

  private newOrder(request: PlaceOrderRequest, status: BrokerOrder['status']): BrokerOrder {
    const filled = status === 'filled';
    return brokerOrderOf(request, {
      id: `broker-${this.orders.length + 1}`,
      status,
      filledQty: filled ? (request.qty ?? 0) : 0,
      filledAvgPrice: filled ? (this.prices.get(request.symbol) ?? null) : null,
      at: '2030-01-01T00:00:00.000Z',
    });
  }
}
