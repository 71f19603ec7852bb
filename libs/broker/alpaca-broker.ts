import { Alpaca, type marketData, type trading } from '@alpacahq/alpaca-trade-api';
import { formatAmount, formatLimitPrice, isCryptoSymbol } from './alpaca-amounts';
import { brokerCall, brokerLookup } from './alpaca-error.mapper';
import { toBar, toBrokerAccount, toBrokerAsset, toBrokerOrder, toBrokerPosition, toBrokerQuote, toMarketClock, toNewsArticle } from './alpaca-mappers';
import { alpacaUrlRewrite, type AlpacaEndpoints } from './alpaca-url-rewrite.middleware';
import { barsLookbackStart } from './bars-lookback';
import { BrokerAuthError, BrokerNotFoundError, OrderRejectedError } from './broker.errors';
import type { Bar, Broker, BrokerCredentials, BrokerOrder, NewsArticle, PlaceOrderRequest } from './broker.port';

export interface AlpacaBrokerOptions {
  /** The SDK's client-side limiter (~200 requests/min per host). Default on; tests turn it off. */
  rateLimit?: boolean;
  /** The SDK's GET retries on 429/5xx/network errors (never on order POSTs). Default on. */
  retry?: boolean;
  /** Per-request timeout, ms. Default: the SDK's 30 s. */
  timeoutMs?: number;
  /** Stock data feed: "iex" works on every Alpaca plan; "sip" needs a paid subscription. */
  stockFeed?: 'iex' | 'sip';
}

// Alpaca caps a data page at 10,000 points and an orders page at 500.
const MAX_BARS_PAGE = 10_000;
const ORDERS_PAGE = 500;
const MAX_ORDER_PAGES = 20;
const CRYPTO_LOCATION = 'us';
// Alpaca's news pages hold at most 50 articles.
const NEWS_PAGE = 50;

/** A Broker over @alpacahq/alpaca-trade-api v4, bound to one account's credentials. */
export function createAlpacaBroker(
  credentials: BrokerCredentials,
  endpoints: AlpacaEndpoints,
  options: AlpacaBrokerOptions = {},
): Broker {
  const rewrite = alpacaUrlRewrite(endpoints);
  const auth = sdkCredentials(credentials);
  const alpaca = new Alpaca({
    ...auth,
    paper: credentials.environment === 'paper',
    rateLimit: options.rateLimit === false ? false : undefined,
    retry: options.retry === false ? false : undefined,
    timeoutMs: options.timeoutMs,
    middleware: rewrite ? [rewrite] : [],
  });
  const api = alpaca.trading;
  const data = alpaca.marketData;
  const feed = options.stockFeed ?? 'iex';

  const ordersPage = (status: 'open' | 'closed' | 'all', beforeOrderId?: string) =>
    api.orders.getAllOrders({ status, limit: ORDERS_PAGE, direction: 'desc', beforeOrderId });

  return {
    getAccount: () => brokerCall(async () => toBrokerAccount(await api.account.getAccount())),

    getClock: () => brokerCall(async () => toMarketClock(await api.clock.legacyClock())),

    getAsset: (symbol) => brokerCall(async () => toBrokerAsset(await api.assets.getV2AssetsSymbolOrAssetId({ symbolOrAssetId: symbol }))),

    getBars: (symbol, timeframe, limit) =>
      brokerCall(async () => {
        const crypto = isCryptoSymbol(symbol);
        const start = barsLookbackStart(timeframe, limit, new Date(), crypto);
        const bars: Bar[] = [];
        let pageToken: string | undefined;
        do {
          const pageLimit = Math.min(MAX_BARS_PAGE, limit - bars.length);
          const request = { timeframe, start, limit: pageLimit, sort: 'desc' as const, pageToken };
          const page = crypto
            ? await data.crypto.cryptoBars({ ...request, loc: CRYPTO_LOCATION, symbols: symbol })
            : await data.stocks.stockBarSingle({ ...request, symbol, feed });
          const raw = crypto ? ((page as marketData.CryptoBarsResp).bars?.[symbol] ?? []) : (page as marketData.StockBarsRespSingle).bars;
          bars.push(...(raw as Parameters<typeof toBar>[0][]).map(toBar));
          pageToken = page.nextPageToken ?? undefined;
        } while (pageToken && bars.length < limit);
        // Asked newest first so the window's far end does not matter; the port wants oldest first.
        return bars.slice(0, limit).reverse();
      }),

    getLatestPrice: (symbol) =>
      brokerCall(async () => {
        const price = isCryptoSymbol(symbol)
          ? (await data.crypto.cryptoLatestTrades({ loc: CRYPTO_LOCATION, symbols: symbol })).trades?.[symbol]?.p
          : (await data.stocks.stockLatestTradeSingle({ symbol, feed })).trade?.p;
        if (typeof price !== 'number') throw new BrokerNotFoundError(`no latest trade for ${symbol}`, 404);
        return price;
      }),

    getLatestQuote: (symbol) =>
      brokerCall(async () => {
        const quote = isCryptoSymbol(symbol)
          ? (await data.crypto.cryptoLatestQuotes({ loc: CRYPTO_LOCATION, symbols: symbol })).quotes?.[symbol]
          : (await data.stocks.stockLatestQuoteSingle({ symbol, feed })).quote;
        if (!quote) throw new BrokerNotFoundError(`no latest quote for ${symbol}`, 404);
        return toBrokerQuote(quote);
      }),

    getNews: (query) =>
      brokerCall(async () => {
        // No symbols would mean every article Alpaca has: never what a strategy wants.
        if (query.symbols.length === 0 || query.limit <= 0) return [];
        // Alpaca tags and filters crypto news without the slash ("BTCUSD").
        const symbols = query.symbols.map((symbol) => symbol.replace('/', '')).join(',');
        const articles: NewsArticle[] = [];
        let pageToken: string | undefined;
        do {
          const limit = Math.min(NEWS_PAGE, query.limit - articles.length);
          const page = await data.news.news({ symbols, start: query.start, limit, sort: 'desc', pageToken });
          articles.push(...page.news.map((article) => toNewsArticle(article, query.symbols)));
          pageToken = page.nextPageToken ?? undefined;
        } while (pageToken && articles.length < query.limit);
        // Asked newest first so the limit keeps the latest; the port wants oldest first.
        return articles.slice(0, query.limit).reverse();
      }),

    placeOrder: (request) => brokerCall(async () => toBrokerOrder(await api.orders.postOrder({ postOrderRequest: toPostOrder(request) }))),

    findOrderByClientOrderId: (clientOrderId) =>
      brokerLookup(async () => toBrokerOrder(await api.orders.getOrderByClientOrderId({ clientOrderId }))),

    getOrder: (orderId) => brokerCall(async () => toBrokerOrder(await api.orders.getOrderByOrderID({ orderId }))),

    listOrders: (status) =>
      brokerCall(async () => {
        const orders: BrokerOrder[] = [];
        let page: trading.Order[] = await ordersPage(status);
        for (let pages = 1; ; pages++) {
          orders.push(...page.map(toBrokerOrder));
          if (page.length < ORDERS_PAGE || pages >= MAX_ORDER_PAGES) return orders;
          page = await ordersPage(status, page[page.length - 1].id);
        }
      }),

    // SDK 4.0.2's deleteOrderByOrderID never reads its 204 answer, which leaves the request's
    // 30 s deadline timer armed; the Raw call plus value() releases it.
    cancelOrder: (orderId) => brokerCall(async () => (await api.orders.deleteOrderByOrderIDRaw({ orderId })).value()),

    getPositions: () => brokerCall(async () => (await api.positions.getAllOpenPositions()).map(toBrokerPosition)),

    getPosition: (symbol) =>
      brokerLookup(async () => toBrokerPosition(await api.positions.getOpenPosition({ symbolOrAssetId: positionKey(symbol) }))),

    closePosition: (symbol) =>
      brokerCall(async () => toBrokerOrder(await api.positions.deleteOpenPosition({ symbolOrAssetId: positionKey(symbol) }))),
  };
}

/**
 * Both halves of a key pair, or a token, must be present: the SDK would otherwise fill a missing
 * one from the process environment (APCA_API_*), i.e. trade with the operator's account.
 */
function sdkCredentials(credentials: BrokerCredentials): { keyId: string; secret: string } | { accessToken: string } {
  if (credentials.kind === 'key' && credentials.keyId && credentials.secretKey) {
    return { keyId: credentials.keyId, secret: credentials.secretKey };
  }
  if (credentials.kind === 'oauth' && credentials.accessToken) return { accessToken: credentials.accessToken };
  throw new BrokerAuthError('broker credentials are incomplete');
}

function toPostOrder(request: PlaceOrderRequest): trading.PostOrderRequest {
  const hasQty = request.qty !== undefined;
  const hasNotional = request.notional !== undefined;
  if (hasQty === hasNotional) throw new OrderRejectedError('exactly one of qty or notional is required');
  if (request.type === 'limit' && request.limitPrice === undefined) throw new OrderRejectedError('limit orders need a limit price');
  return {
    symbol: request.symbol,
    side: request.side,
    type: request.type,
    timeInForce: request.timeInForce,
    clientOrderId: request.clientOrderId,
    qty: hasQty ? formatAmount(request.qty!, 9) : undefined,
    notional: hasNotional ? formatAmount(request.notional!, 2) : undefined,
    limitPrice: request.limitPrice === undefined ? undefined : formatLimitPrice(request.symbol, request.limitPrice),
  };
}

/**
 * Alpaca keeps crypto positions per coin, against USD ("BTCUSD"), whichever pair bought it: a
 * cross pair names its base coin's position ("BTC/USDT" -> "BTCUSD").
 */
function positionKey(symbol: string): string {
  return isCryptoSymbol(symbol) ? `${symbol.split('/')[0]}USD` : symbol;
}
