import type { AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import { createExchangeApp } from './app';
import type { ExchangeContext } from './exchange-context';
import { ExchangeClock, type MarketHoursMode } from './market/exchange-clock';
import { PriceBook } from './market/price-book';
import { createSeededRandom } from './market/seeded-random';
import { NewsDesk, type NewsSetting } from './news/news-desk';
import { defaultNewsSetting, newsSources } from './news/news-sources';
import { ExchangeStore } from './store/exchange-store';
import { Ledger } from './trading/ledger';
import { MatchingEngine } from './trading/matching-engine';
import { MarketDataStreamServer } from './stream/market-data-stream.server';
import { STREAM_PATH, TradeStreamServer } from './stream/trade-stream.server';
import { routeUpgrades } from './stream/websocket-upgrades';
import { DEFAULT_TOUCH_FILL_RATIO, touchFillRatioProblem, type FillSettings } from './trading/touch-fill';
import { TradeEventHub, type TradeUpdateListener } from './trading/trade-events';

export interface ExchangeOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** SQLite file holding the state; undefined keeps everything in memory. */
  dataFile?: string;
  /** false freezes prices: they change only through POST /admin/prices or /admin/bars. */
  priceDrift?: boolean;
  seed?: string;
  marketHours?: MarketHoursMode;
  /**
   * Share of a resting limit order's remaining quantity filled when the price touches (equals)
   * its limit without crossing it; 0 < ratio <= 1, default 0.5; 1 fills whole.
   */
  touchFillRatio?: number;
  /**
   * Headlines besides POST /admin/news: 'seeded' generates them per (seed, symbol, hour), 'off'
   * serves only posted ones, `{ file }` reads a JSON array of POST /admin/news objects.
   * Default: 'seeded' with price drift, 'off' without.
   */
  news?: NewsSetting;
}

export interface ExchangeHandle {
  /** Base URL for both the trading and the data API, e.g. http://127.0.0.1:4010 */
  url: string;
  /** Alpaca's trade_updates WebSocket, e.g. ws://127.0.0.1:4010/stream */
  streamUrl: string;
  /** Base of the market-data WebSockets (`/v2/iex`, `/v1beta3/crypto/us`), e.g. ws://127.0.0.1:4010 */
  dataStreamUrl: string;
  port: number;
  /** Order events (new, partial_fill, fill, canceled, expired) of every account, as Alpaca's trade_updates. */
  onTradeUpdate(listener: TradeUpdateListener): () => void;
  close(): Promise<void>;
}

// Orders also match on every API request; the timer covers fills due while nobody asks
// (a limit crossed by drift, equity orders waiting for the open, day-order expiry).
const MATCHING_INTERVAL_MS = 1000;

export async function startExchange(options: ExchangeOptions = {}): Promise<ExchangeHandle> {
  const fills: FillSettings = { touchFillRatio: options.touchFillRatio ?? DEFAULT_TOUCH_FILL_RATIO };
  const problem = touchFillRatioProblem(fills.touchFillRatio);
  if (problem) throw new Error(`touchFillRatio ${problem}`);
  const seed = options.seed ?? 'autopilot';
  // Read before the store opens, so a bad news file fails the start without leaving a handle open.
  const sources = newsSources(options.news ?? defaultNewsSetting(options.priceDrift ?? true), seed);
  const store = ExchangeStore.open(options.dataFile);
  const prices = new PriceBook(store, { seed, drift: options.priceDrift ?? true });
  const clock = new ExchangeClock(options.marketHours ?? 'us_equity');
  const ledger = new Ledger(store, prices);
  const events = new TradeEventHub(store);
  const engine = new MatchingEngine(store, prices, clock, ledger, events, fills);
  const server = createServer();
  const streams = new TradeStreamServer({ store, events });
  const marketData = new MarketDataStreamServer({ store, prices });
  const stopUpgrades = routeUpgrades(server, [streams, marketData]);
  const ctx: ExchangeContext = {
    store,
    prices,
    clock,
    ledger,
    engine,
    events,
    news: new NewsDesk(store, sources),
    fills,
    faults: { errorRate: 0, latencyMs: 0, rateLimitPerMinute: null },
    random: createSeededRandom(`${seed}|faults`),
    streams: { dropAll: () => streams.dropAll() + marketData.dropAll() },
  };
  server.on('request', createExchangeApp(ctx));
  const host = options.host ?? '127.0.0.1';
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => resolve());
    });
  } catch (error) {
    stopUpgrades();
    await streams.close();
    await marketData.close();
    store.close();
    throw error;
  }
  const timer = setInterval(() => {
    try {
      engine.run();
    } catch (error) {
      console.error('paper exchange: matching failed', error);
    }
  }, MATCHING_INTERVAL_MS);
  timer.unref();

  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  const authority = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url: `http://${authority}`,
    streamUrl: `ws://${authority}${STREAM_PATH}`,
    dataStreamUrl: `ws://${authority}`,
    port,
    onTradeUpdate: (listener) => events.subscribe(listener),
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        clearInterval(timer);
        stopUpgrades();
        // Upgraded sockets are not the HTTP server's any more; they would keep close() open.
        void streams.close();
        void marketData.close();
        server.close((error) => {
          store.close();
          if (error) reject(error);
          else resolve();
        });
        // Keep-alive sockets (fetch pools them) would otherwise hold close() open.
        server.closeAllConnections();
      })),
  };
}
