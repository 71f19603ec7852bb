import { Alpaca, streaming } from '@alpacahq/alpaca-trade-api';
import { isCryptoSymbol } from '../../../../libs/strategies/order-sizing';

export type PriceStreamState = 'connecting' | 'connected' | 'disconnected';

export interface PriceStreamHandlers {
  onTrade(symbol: string, price: number): void;
  onStateChange?(state: PriceStreamState): void;
  /** Refused keys, malformed frames. Never contains a secret. */
  onError?(message: string): void;
}

/** Trades of one account's symbols: an equity and a crypto stream, opened as symbols need them. */
export interface PriceStream {
  /** Subscribes to exactly these symbols' trades from now on. */
  follow(symbols: Iterable<string>): void;
  /** The symbols the broker confirmed, equities and crypto. */
  subscribed(): string[];
  close(): Promise<void>;
}

export type OpenPriceStream = (keys: { keyId: string; secretKey: string }, handlers: PriceStreamHandlers) => PriceStream;

const STOCK_FEED = 'iex';
const CRYPTO_LOCATION = 'us';

/**
 * The SDK's `marketData.stockStream` / `cryptoStream` pointed at `dataStreamUrl` (Alpaca's
 * wss://stream.data.alpaca.markets, or the paper exchange). Key pairs only: the SDK's market-data
 * streams authenticate with keys, so OAuth accounts are left to the poll.
 */
export function sdkPriceStreams(dataStreamUrl: string): OpenPriceStream {
  const base = dataStreamUrl.replace(/\/+$/, '');
  return (keys, handlers) => {
    const alpaca = new Alpaca({ keyId: keys.keyId, secret: keys.secretKey });
    const options = { reconnect: true, maxReconnectAttempts: streaming.UNLIMITED_RECONNECT_ATTEMPTS, maxReconnectMs: 30_000 };
    const open = {
      stocks: () => alpaca.marketData.stockStream({ ...options, url: `${base}/v2/${STOCK_FEED}` }),
      crypto: () => alpaca.marketData.cryptoStream({ ...options, url: `${base}/v1beta3/crypto/${CRYPTO_LOCATION}` }),
    };
    const held: Partial<Record<keyof typeof open, streaming.MarketDataStream>> = {};
    const states = new Map<keyof typeof open, PriceStreamState>();
    let reported: PriceStreamState | undefined;
    const report = () => {
      // Connected once every held stream is; a single disconnected one makes the account's poll the only feed.
      const all = [...states.values()];
      const state: PriceStreamState = all.every((s) => s === 'connected') ? 'connected' : all.includes('disconnected') ? 'disconnected' : 'connecting';
      if (state === reported) return;
      reported = state;
      handlers.onStateChange?.(state);
    };

    const streamFor = (kind: keyof typeof open): streaming.MarketDataStream => {
      const existing = held[kind];
      if (existing) return existing;
      const stream = open[kind]();
      held[kind] = stream;
      states.set(kind, 'connecting');
      stream.onTrade((trade) => handlers.onTrade(trade.symbol, trade.price));
      stream.onError((message) => handlers.onError?.(message));
      stream.onStateChange((state) => {
        if (state === streaming.STATE.DISCONNECTED) states.set(kind, 'disconnected');
        else if (state !== streaming.STATE.AUTHENTICATED) states.set(kind, 'connecting');
        report();
      });
      stream.on(streaming.EVENT.SUBSCRIPTION, () => {
        states.set(kind, 'connected');
        report();
      });
      stream.connect();
      return stream;
    };

    return {
      follow(symbols) {
        const wanted = { stocks: new Set<string>(), crypto: new Set<string>() };
        for (const symbol of symbols) wanted[isCryptoSymbol(symbol) ? 'crypto' : 'stocks'].add(symbol);
        for (const kind of ['stocks', 'crypto'] as const) {
          if (wanted[kind].size === 0 && !held[kind]) continue;
          const stream = streamFor(kind);
          const current = new Set(stream.getSubscriptions().trades);
          const added = [...wanted[kind]].filter((s) => !current.has(s));
          const removed = [...current].filter((s) => !wanted[kind].has(s));
          if (added.length > 0) stream.subscribeForTrades(added);
          if (removed.length > 0) stream.unsubscribeFromTrades(removed);
        }
      },
      subscribed() {
        return Object.values(held).flatMap((stream) => (stream ? stream.getSubscriptions().trades : []));
      },
      async close() {
        for (const stream of Object.values(held)) {
          stream?.disconnect();
          stream?.removeAllListeners();
        }
      },
    };
  };
}
