import type { OrderIntent, OrderSide, OrderType, TimeInForce } from '../contracts';

/** Credentials of one broker account, decrypted; never log or persist this object as is. */
export type BrokerCredentials =
  | { kind: 'key'; keyId: string; secretKey: string; environment: 'paper' | 'live' }
  | { kind: 'oauth'; accessToken: string; environment: 'paper' | 'live' };

export interface BrokerAccount {
  id: string;
  accountNumber: string;
  status: string;
  currency: string;
  cash: number;
  buyingPower: number;
  /** What may be spent on assets that cannot be bought on margin (crypto); equals cash-based buying power. */
  nonMarginableBuyingPower: number;
  equity: number;
  portfolioValue: number;
}

export interface MarketClock {
  isOpen: boolean;
  timestamp: string;
  nextOpen: string;
  nextClose: string;
}

export interface BrokerAsset {
  symbol: string;
  assetClass: 'us_equity' | 'crypto';
  tradable: boolean;
  shortable: boolean;
  fractionable: boolean;
}

export interface Bar {
  /** ISO-8601 start of the bar. */
  t: string;
  o: number;
  h: number;
  l: number;
  c: number;
  v: number;
}

/** The best bid and offer, as the data API's latest quote reports them. */
export interface BrokerQuote {
  /** USD per unit (or the pair's quote currency, e.g. USDT for BTC/USDT). */
  bid: number;
  ask: number;
  bidSize: number;
  askSize: number;
  /** ISO-8601 time of the quote. */
  timestamp: string;
}

/** One headline of the data API's news endpoint (`/v1beta1/news`). */
export interface NewsArticle {
  /** The provider's id; unique per article, so a strategy can tell a headline it has acted on. */
  id: string;
  headline: string;
  summary: string;
  source: string;
  /** Upper-case tickers or crypto pairs the article is tagged with, as the data API spells them. */
  symbols: string[];
  /** ISO-8601 publication time. */
  createdAt: string;
  url?: string;
}

export interface NewsQuery {
  symbols: string[];
  /** Only articles published at or after this instant. */
  start: Date;
  /** At most this many, the newest. */
  limit: number;
}

/** An order intent with the idempotency key it is sent under. */
export interface PlaceOrderRequest extends OrderIntent {
  clientOrderId: string;
}

export type BrokerOrderStatus =
  | 'new'
  | 'accepted'
  | 'pending_new'
  | 'partially_filled'
  | 'filled'
  | 'canceled'
  | 'expired'
  | 'rejected'
  | 'pending_cancel'
  | 'replaced'
  | 'done_for_day';

export interface BrokerOrder {
  id: string;
  clientOrderId: string;
  symbol: string;
  side: OrderSide;
  type: OrderType;
  timeInForce: TimeInForce;
  qty: number | null;
  notional: number | null;
  limitPrice: number | null;
  status: BrokerOrderStatus;
  filledQty: number;
  filledAvgPrice: number | null;
  submittedAt: string;
  filledAt: string | null;
}

export interface BrokerPosition {
  symbol: string;
  qty: number;
  side: 'long' | 'short';
  avgEntryPrice: number;
  marketValue: number;
  currentPrice: number;
  unrealizedPl: number;
}

/**
 * The broker as the rest of Autopilot sees it. One instance is bound to one account's
 * credentials. Errors are BrokerError subclasses (see broker.errors.ts) so callers can tell a
 * domain refusal (not worth retrying) from a transient fault.
 */
export interface Broker {
  getAccount(): Promise<BrokerAccount>;
  getClock(): Promise<MarketClock>;
  getAsset(symbol: string): Promise<BrokerAsset>;
  /** Most recent `limit` bars, oldest first. timeframe like '1Min', '5Min', '1Hour', '1Day'. */
  getBars(symbol: string, timeframe: string, limit: number): Promise<Bar[]>;
  getLatestPrice(symbol: string): Promise<number>;
  getLatestQuote(symbol: string): Promise<BrokerQuote>;
  /** Oldest first. */
  getNews(query: NewsQuery): Promise<NewsArticle[]>;
  placeOrder(request: PlaceOrderRequest): Promise<BrokerOrder>;
  /** undefined when the broker has no order with that client_order_id. */
  findOrderByClientOrderId(clientOrderId: string): Promise<BrokerOrder | undefined>;
  getOrder(orderId: string): Promise<BrokerOrder>;
  listOrders(status: 'open' | 'closed' | 'all'): Promise<BrokerOrder[]>;
  cancelOrder(orderId: string): Promise<void>;
  getPositions(): Promise<BrokerPosition[]>;
  /** undefined when there is no open position in the symbol. */
  getPosition(symbol: string): Promise<BrokerPosition | undefined>;
  closePosition(symbol: string): Promise<BrokerOrder>;
}

/**
 * Alpaca's order events. The list is open: an event Alpaca adds later still arrives, under its
 * own name, and callers act only on the ones they know.
 */
export type TradeUpdateEvent =
  | 'new'
  | 'fill'
  | 'partial_fill'
  | 'canceled'
  | 'expired'
  | 'done_for_day'
  | 'replaced'
  | 'rejected'
  | 'pending_new'
  | 'stopped'
  | 'pending_cancel'
  | 'pending_replace'
  | 'calculated'
  | 'suspended'
  | 'order_replace_rejected'
  | 'order_cancel_rejected'
  | (string & {});

/** One entry of an account's `trade_updates` stream. */
export interface TradeUpdate {
  event: TradeUpdateEvent;
  /** The order as it stands after this event. */
  order: BrokerOrder;
  /** fill / partial_fill: the price and quantity of this execution (not the order's totals). */
  price?: number;
  qty?: number;
  /** The account's position in the symbol after the event; negative when short. */
  positionQty: number;
  /** fill / partial_fill: identifies the execution, for deduplication. */
  executionId?: string;
  /** ISO-8601 time of the event. */
  timestamp: string;
}
