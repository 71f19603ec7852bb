import type { Bar, Broker, BrokerOrder, BrokerPosition, BrokerQuote, NewsArticle, NewsQuery, PlaceOrderRequest } from '../../../libs/broker/broker.port';
import { brokerOrderOf } from '../../../libs/broker/testing/broker-order-of';

/** A broker in memory: fills market orders at `price`, remembers orders by client_order_id. */
export class FakeBroker implements Broker {
  price = 100;
  buyingPower = 10_000;
  bars: Bar[] = [];
  position: BrokerPosition | undefined;
  readonly placed: PlaceOrderRequest[] = [];
  readonly orders = new Map<string, BrokerOrder>();
  failNextPlacement?: Error;

  async getAccount() {
    return { id: 'acct', accountNumber: 'PA1', status: 'ACTIVE', currency: 'USD', cash: this.buyingPower, buyingPower: this.buyingPower, nonMarginableBuyingPower: this.buyingPower, equity: this.buyingPower, portfolioValue: this.buyingPower };
  }
  async getClock() {
    const now = new Date().toISOString();
    return { isOpen: true, timestamp: now, nextOpen: now, nextClose: now };
  }
  async getAsset(symbol: string) {
    return { symbol, assetClass: 'us_equity' as const, tradable: true, shortable: true, fractionable: true };
  }
  async getBars() {
    return this.bars;
  }
  async getLatestPrice() {
    return this.price;
  }
  /** A one-cent-wide quote around `price` unless a test sets one. */
  quote: BrokerQuote | undefined;
  news: NewsArticle[] = [];
  async getLatestQuote(): Promise<BrokerQuote> {
    return this.quote ?? { bid: this.price - 0.005, ask: this.price + 0.005, bidSize: 1, askSize: 1, timestamp: new Date().toISOString() };
  }
  async getNews(query: NewsQuery): Promise<NewsArticle[]> {
    return this.news.filter((article) => Date.parse(article.createdAt) >= query.start.getTime() && article.symbols.some((s) => query.symbols.includes(s))).slice(-query.limit);
  }
  async placeOrder(request: PlaceOrderRequest): Promise<BrokerOrder> {
    if (this.failNextPlacement) {
      const failure = this.failNextPlacement;
      this.failNextPlacement = undefined;
      throw failure;
    }
    this.placed.push(request);
    const order = brokerOrderOf(request, {
      id: `broker-${this.placed.length}`,
      status: 'filled',
      filledQty: request.qty ?? (request.notional ?? 0) / this.price,
      filledAvgPrice: this.price,
      at: new Date().toISOString(),
    });
    this.orders.set(request.clientOrderId, order);
    return order;
  }
  async findOrderByClientOrderId(clientOrderId: string) {
    return this.orders.get(clientOrderId);
  }
  async getOrder(orderId: string) {
    const order = [...this.orders.values()].find((o) => o.id === orderId);
    if (!order) throw new Error('not found');
    return order;
  }
  async listOrders() {
    return [...this.orders.values()];
  }
  async cancelOrder() {}
  async getPositions() {
    return this.position ? [this.position] : [];
  }
  async getPosition() {
    return this.position;
  }
  async closePosition(): Promise<BrokerOrder> {
    throw new Error('not used');
  }
}
