import type { Bar, BrokerQuote, NewsArticle } from '../../broker/broker.port';
import type { DecisionInput, StrategyPosition, SymbolMarket } from '../strategy';

/** Bars from closes: open = previous close, high/low bound both, constant volume, one minute apart. */
export function barsFromCloses(closes: readonly number[], options: { startMs?: number; stepMs?: number; volume?: number } = {}): Bar[] {
  const start = options.startMs ?? Date.UTC(2026, 0, 5, 15, 0);
  const step = options.stepMs ?? 60_000;
  return closes.map((c, i) => {
    const o = i === 0 ? c : closes[i - 1];
    return { t: new Date(start + i * step).toISOString(), o, h: Math.max(o, c), l: Math.min(o, c), c, v: options.volume ?? 1_000 };
  });
}

/** A quote around `mid` with the given spread in basis points of the mid. */
export function quoteAround(mid: number, spreadBps: number, timestamp = '2026-01-05T15:00:00Z'): BrokerQuote {
  const half = (mid * spreadBps) / 20_000;
  return { bid: mid - half, ask: mid + half, bidSize: 1, askSize: 1, timestamp };
}

export interface DecisionInputParts<C> {
  config: C;
  asOf?: Date;
  /** The primary symbol's market; `bars`/`latestPrice`/`position` default from `markets[symbol]`. */
  symbol?: string;
  bars?: Bar[];
  latestPrice?: number;
  position?: StrategyPosition | null;
  markets?: Record<string, Partial<SymbolMarket>>;
  quotes?: Record<string, BrokerQuote>;
  news?: NewsArticle[];
  account?: Partial<DecisionInput<C>['account']>;
  state?: Record<string, unknown>;
}

/**
 * A complete DecisionInput for table tests: the primary symbol's fields and `markets` agree, as
 * they do when the activity builds the input.
 */
export function decisionInput<C>(parts: DecisionInputParts<C>): DecisionInput<C> {
  const symbol = parts.symbol ?? (parts.config as { symbol?: string }).symbol;
  const markets: Record<string, SymbolMarket> = {};
  for (const [key, market] of Object.entries(parts.markets ?? {})) {
    const bars = market.bars ?? [];
    markets[key] = { bars, latestPrice: market.latestPrice ?? bars[bars.length - 1]?.c ?? 0, position: market.position ?? null };
  }
  const primary = symbol ? markets[symbol] : undefined;
  const bars = parts.bars ?? primary?.bars ?? [];
  const latestPrice = parts.latestPrice ?? primary?.latestPrice ?? bars[bars.length - 1]?.c ?? 0;
  const position = parts.position !== undefined ? parts.position : (primary?.position ?? null);
  if (symbol) markets[symbol] = { bars, latestPrice, position };
  return {
    config: parts.config,
    asOf: parts.asOf ?? new Date('2026-01-05T15:30:00Z'),
    bars,
    latestPrice,
    position,
    account: { cash: 100_000, buyingPower: 100_000, equity: 100_000, ...parts.account },
    state: parts.state ?? {},
    markets,
    quotes: parts.quotes ?? {},
    news: parts.news ?? [],
  };
}
