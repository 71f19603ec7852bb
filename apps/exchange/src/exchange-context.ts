import type { ExchangeClock } from './market/exchange-clock';
import type { PriceBook } from './market/price-book';
import type { NewsDesk } from './news/news-desk';
import type { ExchangeStore } from './store/exchange-store';
import type { Ledger } from './trading/ledger';
import type { MatchingEngine } from './trading/matching-engine';
import type { FillSettings } from './trading/touch-fill';
import type { TradeEventHub } from './trading/trade-events';

/** Test-only faults injected on the API routes (POST /admin/faults). */
export interface FaultSettings {
  /** Share of API requests answered with a 500, 0..1. */
  errorRate: number;
  /** Added to every API request, milliseconds. */
  latencyMs: number;
  /** Per-account requests per minute before 429; null = unlimited. */
  rateLimitPerMinute: number | null;
}

/** The trade_updates WebSocket connections, as the admin routes see them. */
export interface StreamControl {
  /** Cuts every connection as a network drop would; returns how many there were. */
  dropAll(): number;
}

/** Everything a route needs; built once per exchange instance. */
export interface ExchangeContext {
  store: ExchangeStore;
  prices: PriceBook;
  clock: ExchangeClock;
  ledger: Ledger;
  engine: MatchingEngine;
  events: TradeEventHub;
  /** Headlines for /v1beta1/news: admin-posted plus the generated or file ones. */
  news: NewsDesk;
  /** Read by the matching engine on every fill; POST /admin/fills changes it. */
  fills: FillSettings;
  faults: FaultSettings;
  streams: StreamControl;
  /** Seeded, so injected faults are reproducible. */
  random: () => number;
}
