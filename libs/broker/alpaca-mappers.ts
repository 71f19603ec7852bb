import type { streaming, trading } from '@alpacahq/alpaca-trade-api';
import type { OrderSide, OrderType, TimeInForce } from '../contracts';
import { cryptoPairSymbol, toNumber } from './alpaca-amounts';
import type {
  Bar,
  BrokerAccount,
  BrokerAsset,
  BrokerOrder,
  BrokerOrderStatus,
  BrokerPosition,
  BrokerQuote,
  MarketClock,
  NewsArticle,
  TradeUpdate,
} from './broker.port';

// The SDK parses JSON into camelCase with Date objects but keeps amounts as strings; these turn
// it into the port's numbers and ISO strings.

const num = (value: string | number | null | undefined): number => toNumber(value) ?? 0;
const iso = (value: Date | string | null | undefined): string | null =>
  value === null || value === undefined ? null : new Date(value).toISOString();

export function toBrokerAccount(account: trading.Account): BrokerAccount {
  return {
    id: account.id,
    accountNumber: account.accountNumber ?? '',
    status: String(account.status),
    currency: account.currency ?? 'USD',
    cash: num(account.cash),
    buyingPower: num(account.buyingPower),
    nonMarginableBuyingPower: num(account.nonMarginableBuyingPower ?? account.buyingPower),
    equity: num(account.equity),
    portfolioValue: num(account.portfolioValue ?? account.equity),
  };
}

export function toMarketClock(clock: trading.LegacyClock): MarketClock {
  return {
    isOpen: clock.isOpen,
    timestamp: iso(clock.timestamp)!,
    nextOpen: iso(clock.nextOpen)!,
    nextClose: iso(clock.nextClose)!,
  };
}

export function toBrokerAsset(asset: trading.Assets): BrokerAsset {
  return {
    symbol: asset.symbol,
    assetClass: asset._class as BrokerAsset['assetClass'],
    tradable: asset.tradable,
    shortable: asset.shortable,
    fractionable: asset.fractionable,
  };
}

// Statuses outside the port's list, folded to their nearest meaning.
const STATUS_FALLBACK: Record<string, BrokerOrderStatus> = {
  pending_replace: 'new',
  stopped: 'new',
  held: 'accepted',
  suspended: 'accepted',
  accepted_for_bidding: 'accepted',
  calculated: 'done_for_day',
};

export function toBrokerOrder(order: trading.Order): BrokerOrder {
  const status = String(order.status ?? 'new');
  return {
    id: order.id ?? '',
    clientOrderId: order.clientOrderId ?? '',
    symbol: order.symbol ?? '',
    side: order.side as OrderSide,
    type: order.type as OrderType,
    timeInForce: order.timeInForce as TimeInForce,
    qty: toNumber(order.qty),
    notional: toNumber(order.notional),
    limitPrice: toNumber(order.limitPrice),
    status: STATUS_FALLBACK[status] ?? (status as BrokerOrderStatus),
    filledQty: num(order.filledQty),
    filledAvgPrice: toNumber(order.filledAvgPrice),
    submittedAt: iso(order.submittedAt ?? order.createdAt) ?? '',
    filledAt: iso(order.filledAt),
  };
}

export function toBrokerPosition(position: trading.Position): BrokerPosition {
  const crypto = String(position.assetClass) === 'crypto';
  return {
    symbol: crypto ? cryptoPairSymbol(position.symbol) : position.symbol,
    // Alpaca's sign convention: negative quantity for a short position.
    qty: num(position.qty),
    side: position.side === 'short' ? 'short' : 'long',
    avgEntryPrice: num(position.avgEntryPrice),
    marketValue: num(position.marketValue),
    currentPrice: num(position.currentPrice),
    unrealizedPl: num(position.unrealizedPl),
  };
}

/** A latest quote, stock or crypto: both carry bid/ask prices and sizes and a time. */
export function toBrokerQuote(quote: { bp: number; ap: number; bs: number; as: number; t: Date | string }): BrokerQuote {
  return { bid: quote.bp, ask: quote.ap, bidSize: quote.bs, askSize: quote.as, timestamp: iso(quote.t)! };
}

/** Stock bars arrive with Date timestamps, crypto bars (an untyped map) with strings. */
export function toBar(bar: { t: Date | string; o: number; h: number; l: number; c: number; v: number }): Bar {
  return { t: iso(bar.t)!, o: bar.o, h: bar.h, l: bar.l, c: bar.c, v: bar.v };
}

/** A trade_updates message as the SDK's stream hands it over (order parsed, amounts as strings). */
export function toTradeUpdate(update: streaming.TradeUpdate): TradeUpdate {
  const price = toNumber(update.price);
  const qty = toNumber(update.qty);
  return {
    event: update.event,
    order: toBrokerOrder(update.order),
    ...(price !== null && { price }),
    ...(qty !== null && { qty }),
    positionQty: num(update.positionQty),
    ...(update.executionId !== undefined && { executionId: String(update.executionId) }),
    timestamp: iso(update.timestamp) ?? new Date().toISOString(),
  };
}

/**
 * A news article as the SDK parses it. Alpaca tags crypto news with the pair without its slash
 * ("BTCUSD"); a tag whose slash form the caller asked for ("BTC/USD") is given back in that form,
 * every other tag is kept as Alpaca spells it.
 */
export function toNewsArticle(
  article: { id: number; headline: string; summary: string; source: string; symbols: string[]; createdAt: Date | string; url?: string | null },
  askedSymbols: readonly string[],
): NewsArticle {
  const slashForms = new Map(askedSymbols.filter((symbol) => symbol.includes('/')).map((symbol) => [symbol.replace('/', ''), symbol]));
  return {
    id: String(article.id),
    headline: article.headline,
    summary: article.summary ?? '',
    source: article.source ?? '',
    symbols: (article.symbols ?? []).map((symbol) => slashForms.get(symbol) ?? symbol),
    createdAt: iso(article.createdAt)!,
    ...(article.url ? { url: article.url } : {}),
  };
}
