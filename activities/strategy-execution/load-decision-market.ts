import type { Broker, BrokerAccount, BrokerPosition, BrokerQuote, NewsArticle } from '../../libs/broker/broker.port';
import type { MarketDataRequest, StrategyPosition, SymbolMarket } from '../../libs/strategies/strategy';
import type { KnownMarket } from './risk/load-risk-input';
import { positionSymbolOf } from './symbol-assets';

/** What the broker said for one decision, read once and shared by `decide` and the risk check. */
export interface DecisionMarket {
  account: BrokerAccount;
  /** The primary symbol and every `otherSymbols` entry, keyed as the request spells them. */
  markets: Record<string, SymbolMarket>;
  quotes: Record<string, BrokerQuote>;
  /** Oldest first. */
  news: NewsArticle[];
  /** Keyed by positionSymbolOf (a crypto pair's base asset against USD); null when flat. */
  positions: Record<string, BrokerPosition | null>;
}

/**
 * Fetches everything the strategy's request names, in parallel. Any broker failure rejects the
 * whole load, which fails the attempt before anything is decided (Temporal retries it).
 */
export async function loadDecisionMarket(broker: Broker, request: MarketDataRequest): Promise<DecisionMarket> {
  const symbols = unique([request.symbol, ...(request.otherSymbols ?? [])]);
  const positionSymbols = unique(symbols.map(positionSymbolOf));
  const quoteSymbols = unique(request.quotes ?? []);
  const { news: newsRequest } = request;
  const [account, bars, prices, positions, quotes, news] = await Promise.all([
    broker.getAccount(),
    Promise.all(symbols.map((symbol) => broker.getBars(symbol, request.timeframe, request.limit))),
    Promise.all(symbols.map((symbol) => broker.getLatestPrice(symbol))),
    Promise.all(positionSymbols.map((symbol) => broker.getPosition(symbol))),
    Promise.all(quoteSymbols.map((symbol) => broker.getLatestQuote(symbol))),
    newsRequest ? broker.getNews({ symbols: newsRequest.symbols, start: newsRequest.since, limit: newsRequest.limit }) : Promise.resolve([]),
  ]);
  const positionBySymbol = Object.fromEntries(positionSymbols.map((symbol, i) => [symbol, positions[i] ?? null]));
  const markets = Object.fromEntries(
    symbols.map((symbol, i) => [symbol, { bars: bars[i], latestPrice: prices[i], position: strategyPositionOf(positionBySymbol[positionSymbolOf(symbol)]) }]),
  );
  return {
    account,
    markets,
    quotes: Object.fromEntries(quoteSymbols.map((symbol, i) => [symbol, quotes[i]])),
    news,
    positions: positionBySymbol,
  };
}

/** What the risk check may take from the load instead of asking the broker again. */
export function knownMarketOf(market: DecisionMarket): KnownMarket {
  return {
    account: market.account,
    latestPrices: Object.fromEntries(Object.entries(market.markets).map(([symbol, { latestPrice }]) => [symbol, latestPrice])),
    positions: market.positions,
  };
}

function strategyPositionOf(position: BrokerPosition | null): StrategyPosition | null {
  return position ? { qty: position.qty, avgEntryPrice: position.avgEntryPrice, marketValue: position.marketValue } : null;
}

function unique(symbols: string[]): string[] {
  return [...new Set(symbols)];
}
