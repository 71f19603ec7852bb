import type { AssetClass } from '../market/asset-catalog';

export type OrderSide = 'buy' | 'sell';
export type PositionIntent = 'buy_to_open' | 'buy_to_close' | 'sell_to_open' | 'sell_to_close';
export type OrderType = 'market' | 'limit';
export type TimeInForce = 'day' | 'gtc' | 'ioc' | 'fok';
export type OrderStatus =
  | 'new'
  | 'accepted'
  | 'partially_filled'
  | 'filled'
  | 'canceled'
  | 'expired'
  | 'rejected';

export const OPEN_ORDER_STATUSES: readonly OrderStatus[] = ['new', 'accepted', 'partially_filled'];

export interface AccountRecord {
  id: string;
  accountNumber: string;
  keyId: string;
  secretKey: string;
  /** USD, always whole cents. */
  cash: number;
  createdAt: string;
}

export interface OrderRecord {
  id: string;
  accountId: string;
  clientOrderId: string;
  symbol: string;
  assetId: string;
  assetClass: AssetClass;
  side: OrderSide;
  /** Whether the order opens or closes, decided at submission; absent on orders stored before shorting. */
  positionIntent?: PositionIntent;
  type: OrderType;
  timeInForce: TimeInForce;
  qty: number | null;
  notional: number | null;
  limitPrice: number | null;
  status: OrderStatus;
  filledQty: number;
  filledAvgPrice: number | null;
  createdAt: string;
  updatedAt: string;
  submittedAt: string;
  filledAt: string | null;
  canceledAt: string | null;
  expiredAt: string | null;
  /** Day orders expire at this instant (epoch ms) when the regular session schedule applies. */
  expiresAtMs: number | null;
}

/** A POST /v2/orders the exchange refused: kept so tests can audit every submission. */
export interface RejectedSubmissionRecord {
  id: string;
  accountId: string;
  clientOrderId: string | null;
  symbol: string | null;
  side: string | null;
  httpStatus: number;
  reason: string;
  submittedAt: string;
}

export interface PositionRecord {
  /** `${accountId}|${symbol}` */
  id: string;
  accountId: string;
  /** Canonical asset symbol ("BTC/USD"). */
  symbol: string;
  /** Negative for a short position. */
  qty: number;
  avgEntryPrice: number;
}

export interface AccessTokenRecord {
  /** The token itself. */
  id: string;
  accountId: string;
  clientId: string;
  scope: string;
  createdAt: string;
}

export interface AuthCodeRecord {
  /** The code itself. */
  id: string;
  accountId: string;
  clientId: string;
  redirectUri: string;
  scope: string;
  expiresAtMs: number;
}

export interface PriceAnchorRecord {
  /** The symbol. */
  id: string;
  price: number;
  atMs: number;
  /** Holds the price still (no drift) until the next admin price for the symbol. */
  frozen?: boolean;
}

/** A symbol's quoted spread set through POST /admin/quotes (others keep their class default). */
export interface QuoteSpreadRecord {
  /** The symbol. */
  id: string;
  /** Ask minus bid, in basis points of the price: 0 < bps <= 5000. */
  spreadBps: number;
}

export interface CustomBarsRecord {
  /** `${symbol}|${timeframe label}` */
  id: string;
  symbol: string;
  timeframe: string;
  bucketMs: number;
  bars: Array<{ t: number; o: number; h: number; l: number; c: number; v: number }>;
}

export interface TradeEventRecord {
  /** Zero-padded sequence number, so ids sort in emission order. */
  id: string;
  seq: number;
  accountId: string;
  event: string;
  orderId: string;
  price: number | null;
  qty: number | null;
  positionQty: number;
  timestamp: string;
}

/** A headline posted through POST /admin/news (generated and file headlines are not stored). */
export interface NewsArticleRecord {
  /** Alpaca's numeric article id, as a string (collections key by string). */
  id: string;
  headline: string;
  summary: string;
  content: string;
  author: string;
  source: string;
  url: string | null;
  /** Alpaca's spelling: tickers, and crypto pairs without the slash ("BTCUSD"). */
  symbols: string[];
  /** ISO-8601 publication time. */
  createdAt: string;
}
