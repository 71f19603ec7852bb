import { Collection } from './collection';
import { memoryBackend, type DocumentBackend } from './document-backend';
import { sqliteBackend } from './sqlite-backend';
import {
  OPEN_ORDER_STATUSES,
  type AccessTokenRecord,
  type AccountRecord,
  type AuthCodeRecord,
  type CustomBarsRecord,
  type NewsArticleRecord,
  type OrderRecord,
  type PositionRecord,
  type PriceAnchorRecord,
  type QuoteSpreadRecord,
  type RejectedSubmissionRecord,
  type TradeEventRecord,
} from './records';

/** All exchange state, in memory, persisted through to a SQLite file when one is given. */
export class ExchangeStore {
  readonly accounts: Collection<AccountRecord>;
  readonly orders: Collection<OrderRecord>;
  readonly rejectedSubmissions: Collection<RejectedSubmissionRecord>;
  readonly positions: Collection<PositionRecord>;
  readonly accessTokens: Collection<AccessTokenRecord>;
  readonly authCodes: Collection<AuthCodeRecord>;
  readonly priceAnchors: Collection<PriceAnchorRecord>;
  readonly customBars: Collection<CustomBarsRecord>;
  readonly quoteSpreads: Collection<QuoteSpreadRecord>;
  readonly tradeEvents: Collection<TradeEventRecord>;
  readonly newsArticles: Collection<NewsArticleRecord>;
  // Indexes over orders, which only grow: lookups stay cheap on a long-running exchange.
  private readonly clientOrderIndex = new Map<string, OrderRecord>();
  private readonly ordersByAccount = new Map<string, Set<string>>();
  private readonly openOrderIds = new Set<string>();

  private constructor(private readonly backend: DocumentBackend) {
    this.accounts = new Collection('account', backend);
    this.orders = new Collection('order', backend);
    this.rejectedSubmissions = new Collection('rejected_submission', backend);
    this.positions = new Collection('position', backend);
    this.accessTokens = new Collection('access_token', backend);
    this.authCodes = new Collection('auth_code', backend);
    this.priceAnchors = new Collection('price_anchor', backend);
    this.customBars = new Collection('custom_bars', backend);
    this.quoteSpreads = new Collection('quote_spread', backend);
    this.tradeEvents = new Collection('trade_event', backend);
    this.newsArticles = new Collection('news_article', backend);
    for (const order of this.orders.values()) this.index(order);
  }

  /** `dataFile` undefined keeps everything in memory. */
  static open(dataFile?: string): ExchangeStore {
    return new ExchangeStore(dataFile ? sqliteBackend(dataFile) : memoryBackend());
  }

  transaction<T>(work: () => T): T {
    return this.backend.transaction(work);
  }

  close(): void {
    this.backend.close();
  }

  findAccountByKeyId(keyId: string): AccountRecord | undefined {
    return this.accounts.find((account) => account.keyId === keyId);
  }

  findOrderByClientOrderId(accountId: string, clientOrderId: string): OrderRecord | undefined {
    return this.clientOrderIndex.get(clientKey(accountId, clientOrderId));
  }

  saveOrder(order: OrderRecord): OrderRecord {
    order.updatedAt = new Date().toISOString();
    this.orders.put(order);
    this.index(order);
    return order;
  }

  ordersOf(accountId: string): OrderRecord[] {
    return [...(this.ordersByAccount.get(accountId) ?? [])].map((id) => this.orders.get(id)!);
  }

  /** Orders of every account that may still fill (new, accepted, partially filled). */
  openOrders(): OrderRecord[] {
    return [...this.openOrderIds].map((id) => this.orders.get(id)!);
  }

  private index(order: OrderRecord): void {
    this.clientOrderIndex.set(clientKey(order.accountId, order.clientOrderId), order);
    const ids = this.ordersByAccount.get(order.accountId) ?? new Set<string>();
    ids.add(order.id);
    this.ordersByAccount.set(order.accountId, ids);
    if (OPEN_ORDER_STATUSES.includes(order.status)) this.openOrderIds.add(order.id);
    else this.openOrderIds.delete(order.id);
  }

  positionsOf(accountId: string): PositionRecord[] {
    return this.positions.filter((position) => position.accountId === accountId);
  }

  positionOf(accountId: string, symbol: string): PositionRecord | undefined {
    return this.positions.get(positionId(accountId, symbol));
  }
}

export function positionId(accountId: string, symbol: string): string {
  return `${accountId}|${symbol}`;
}

function clientKey(accountId: string, clientOrderId: string): string {
  return `${accountId}|${clientOrderId}`;
}
