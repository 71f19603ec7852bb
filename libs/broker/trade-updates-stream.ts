import { Alpaca, streaming } from '@alpacahq/alpaca-trade-api';
import { toTradeUpdate } from './alpaca-mappers';
import { BrokerAuthError } from './broker.errors';
import type { BrokerCredentials, TradeUpdate } from './broker.port';
import { TradingStreamSockets } from './trading-stream-sockets';

export type TradeStreamState = 'connecting' | 'connected' | 'disconnected';

export interface TradeUpdateHandlers {
  onUpdate(update: TradeUpdate): void;
  /** 'connected' means listening: from then on no event of the account is missed. */
  onStateChange?(state: TradeStreamState): void;
  /** Refused credentials, malformed frames, a throwing onUpdate. Never contains a secret. */
  onError?(message: string): void;
}

export interface TradeUpdatesStreamOptions {
  /** Reconnect after the connection drops. Default true; refused credentials never reconnect. */
  reconnect?: boolean;
  /** First reconnect delay; doubles per failed attempt up to maxReconnectMs, ±20% jitter. */
  initialReconnectMs?: number;
  maxReconnectMs?: number;
}

export interface TradeUpdatesSubscription {
  /** Stops the stream for good (no more reconnects) and resolves once the socket is closed. */
  close(): Promise<void>;
}

const DEFAULT_INITIAL_RECONNECT_MS = 1_000;
const DEFAULT_MAX_RECONNECT_MS = 30_000;
const RECONNECT_JITTER = 0.2;
const CLOSE_TIMEOUT_MS = 2_000;
const TRADE_UPDATES = 'trade_updates';
type StreamOptions = Omit<streaming.TradingStreamOptions, 'credentials' | 'paper'>;
// Never sent: the OAuth socket rewrites the SDK's authenticate frame (see TradingStreamSockets).
const OAUTH_PLACEHOLDER = { keyId: 'oauth', secret: 'oauth' };

/**
 * Subscribes to one account's `trade_updates` over the SDK's TradingStream. Alpaca allows one
 * connection per account and does not replay what was missed while disconnected, so callers
 * reconcile over REST after each 'connected'.
 * `streamUrl` undefined means Alpaca's own paper or live stream, by the account's environment.
 */
export function subscribeTradeUpdates(
  credentials: BrokerCredentials,
  endpoints: { streamUrl?: string },
  handlers: TradeUpdateHandlers,
  options: TradeUpdatesStreamOptions = {},
): TradeUpdatesSubscription {
  const sockets = new TradingStreamSockets(credentials.kind === 'oauth' ? credentials.accessToken : undefined);
  const streamOptions: StreamOptions = {
    url: endpoints.streamUrl,
    reconnect: options.reconnect ?? true,
    maxReconnectAttempts: streaming.UNLIMITED_RECONNECT_ATTEMPTS,
    initialReconnectMs: options.initialReconnectMs ?? DEFAULT_INITIAL_RECONNECT_MS,
    maxReconnectMs: options.maxReconnectMs ?? DEFAULT_MAX_RECONNECT_MS,
    reconnectJitter: RECONNECT_JITTER,
    wsFactory: sockets.factory,
  };
  const stream = openStream(credentials, streamOptions);

  let state: TradeStreamState | undefined;
  const report = (next: TradeStreamState) => {
    if (next === state) return;
    state = next;
    handlers.onStateChange?.(next);
  };
  const fail = (message: string) => handlers.onError?.(message);

  stream.onStateChange((sdkState) => {
    if (sdkState === streaming.STATE.DISCONNECTED) report('disconnected');
    else if (sdkState === streaming.STATE.CONNECTING || sdkState === streaming.STATE.WAITING_TO_RECONNECT) report('connecting');
  });
  stream.on(streaming.EVENT.SUBSCRIPTION, (streams: string[]) => {
    if (streams.includes(TRADE_UPDATES)) report('connected');
  });
  stream.onError((message: string) => fail(message));
  stream.onTradeUpdate((update: streaming.TradeUpdate) => {
    try {
      handlers.onUpdate(toTradeUpdate(update));
    } catch (error) {
      fail(`trade update handler failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  });

  stream.subscribeTradeUpdates();
  stream.connect();

  let closing: Promise<void> | undefined;
  return {
    close: () =>
      (closing ??= (async () => {
        stream.disconnect();
        await sockets.whenClosed(CLOSE_TIMEOUT_MS);
        stream.removeAllListeners();
      })()),
  };
}

function openStream(credentials: BrokerCredentials, options: StreamOptions): streaming.TradingStream {
  const paper = credentials.environment === 'paper';
  if (credentials.kind === 'key') {
    if (!credentials.keyId || !credentials.secretKey) throw new BrokerAuthError('broker credentials are incomplete');
    return new Alpaca({ keyId: credentials.keyId, secret: credentials.secretKey, paper }).trading.stream(options);
  }
  if (!credentials.accessToken) throw new BrokerAuthError('broker credentials are incomplete');
  return new streaming.TradingStream({ ...options, paper, credentials: OAUTH_PLACEHOLDER });
}
