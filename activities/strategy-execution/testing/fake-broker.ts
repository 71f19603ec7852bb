import type { Bar, Broker, BrokerOrder, BrokerOrderStatus, BrokerPosition, BrokerQuote, NewsArticle, NewsQuery, PlaceOrderRequest } from '../../../libs/broker/broker.port';
import { brokerOrderOf } from '../../../libs/broker/testing/broker-order-of';

/** How the broker treats the orders of one symbol: fill at once (default), rest unfilled, fill in part, or refuse. */
export type FakeFill = 'filled' | 'new' | 'partially_filled' | Error;

/**
 * A broker in memory: fills market orders at the symbol's price, remembers orders by
 * client_order_id. Single-symbol tests set `price`, `bars`, `position`; multi-symbol ones set the
 * per-symbol maps, which win for the symbols they name.
 */
export class FakeBroker implements Broker {
  price = 100;
  prices: Record<string, number> = {};
  buyingPower = 10_000;
  /** Equals the buying power unless a test sets it. */
  equity: number | undefined;
  bars: Bar[] = [];
  barsBySymbol: Record<string, Bar[]> = {};
  position: BrokerPosition | undefined;
  positions: Record<string, BrokerPosition | undefined> = {};
  /** A one-cent-wide quote around the price unless a test sets one. */
  quote: BrokerQuote | undefined;
  quotes: Record<string, BrokerQuote> = {};
  news: NewsArticle[] = [];
  fills: Record<string, FakeFill> = {};
  readonly placed: PlaceOrderRequest[] = [];
  readonly orders = new Map<string, BrokerOrder>();
  readonly canceled: string[] = [];
  readonly newsQueries: NewsQuery[] = [];
  failNextPlacement?: Error;

  async getAccount() {
    const equity = this.equity ?? this.buyingPower;
    return { id: 'acct', accountNumber: 'PA1', status: 'ACTIVE', currency: 'USD', cash: this.buyingPower, buyingPower: this.buyingPower, nonMarginableBuyingPower: this.buyingPower, equity, portfolioValue: equity };
  }
  async getClock() {
    const now = new Date().toISOString();
    return { isOpen: true, timestamp: now, nextOpen: now, nextClose: now };
  }
  async getAsset(symbol: string) {
    const crypto = symbol.includes('/');
    return { symbol, assetClass: crypto ? ('crypto' as const) : ('us_equity' as const), tradable: true, shortable: !crypto, fractionable: true };
  }
  async getBars(symbol: string) {
    return this.barsBySymbol[symbol] ?? this.bars;
  }
  async getLatestPrice(symbol: string) {
    return this.priceOf(symbol);
  }
  async getLatestQuote(symbol: string): Promise<BrokerQuote> {
    const price = this.priceOf(symbol);
    return this.quotes[symbol] ?? this.quote ?? { bid: price - 0.005, ask: price + 0.005, bidSize: 1, askSize: 1, timestamp: new Date().toISOString() };
  }
  async getNews(query: NewsQuery): Promise<NewsArticle[]> {
    this.newsQueries.push(query);
    return this.news.filter((article) => Date.parse(article.createdAt) >= query.start.getTime() && article.symbols.some((s) => query.symbols.includes(s))).slice(-query.limit);
  }
  async placeOrder(request: PlaceOrderRequest): Promise<BrokerOrder> {
    const fill = this.fills[request.symbol] ?? 'filled';
    const failure = this.failNextPlacement ?? (fill instanceof Error ? fill : undefined);
    if (failure) {
      this.failNextPlacement = undefined;
      throw failure;
    }
    this.placed.push(request);
    const price = this.priceOf(request.symbol);
    const qty = request.qty ?? (request.notional ?? 0) / price;
    const filledQty = fill === 'filled' ? qty : fill === 'partially_filled' ? qty / 2 : 0;
    const order = brokerOrderOf(request, {
      id: `broker-${this.placed.length}`,
      status: fill as BrokerOrderStatus,
      filledQty,
      filledAvgPrice: filledQty > 0 ? price : null,
      at: new Date().toISOString(),
    });
    this.orders.set(request.clientOrderId, order);
    return order;
  }
  async findOrderByClientOrderId(clientOrderId: string) {
    return this.orders.get(clientOrderId);
  }
  async getOrder(orderId: string) {
    const order = this.orderById(orderId);
    if (!order) throw new Error('not found');
    return order;
  }
  async listOrders() {
    return [...this.orders.values()];
  }
  async cancelOrder(orderId: string) {
    const order = this.orderById(orderId);
    if (!order) return;
    this.canceled.push(orderId);
    if (order.status !== 'filled') this.orders.set(order.clientOrderId, { ...order, status: 'canceled' });
  }
  async getPositions() {
    const all = [this.position, ...Object.values(this.positions)];
    return all.filter((p): p is BrokerPosition => p !== undefined);
  }
  async getPosition(symbol: string) {
    return symbol in this.positions ? this.positions[symbol] : this.position;
  }
  async closePosition(): Promise<BrokerOrder> {
    throw new Error('not used');
  }

  private priceOf(symbol: string): number {
    return this.prices[symbol] ?? this.price;
  }

  private orderById(orderId: string): BrokerOrder | undefined {
    return [...this.orders.values()].find((o) => o.id === orderId);
  }
}
