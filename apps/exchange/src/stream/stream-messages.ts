import type { TradeUpdate } from '../trading/trade-events';

/** The trading stream's only channel. */
export const TRADE_UPDATES = 'trade_updates';

export type StreamCommand =
  | { kind: 'authenticate'; keyId: string; secret: string }
  | { kind: 'authenticate'; oauthToken: string }
  | { kind: 'listen'; streams: string[] }
  | { kind: 'invalid'; reason: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/**
 * Reads one client frame. Accepted, as Alpaca does: `authenticate` with `key_id`/`secret_key`
 * (what the SDK sends) or with `oauth_token` (OAuth apps), the data stream's short form
 * `{action:"auth", key, secret}`, and `listen` with a list of streams.
 */
export function parseStreamCommand(raw: string): StreamCommand {
  let frame: unknown;
  try {
    frame = JSON.parse(raw);
  } catch {
    return { kind: 'invalid', reason: 'invalid syntax' };
  }
  if (!isRecord(frame)) return { kind: 'invalid', reason: 'invalid syntax' };
  const data = isRecord(frame.data) ? frame.data : {};
  switch (frame.action) {
    case 'authenticate':
      if (nonEmpty(data.oauth_token)) return { kind: 'authenticate', oauthToken: data.oauth_token };
      if (nonEmpty(data.key_id) && nonEmpty(data.secret_key)) return { kind: 'authenticate', keyId: data.key_id, secret: data.secret_key };
      return { kind: 'invalid', reason: 'invalid authentication data' };
    case 'auth':
      if (nonEmpty(frame.key) && nonEmpty(frame.secret)) return { kind: 'authenticate', keyId: frame.key, secret: frame.secret };
      return { kind: 'invalid', reason: 'invalid authentication data' };
    case 'listen': {
      const streams = data.streams;
      if (!Array.isArray(streams) || !streams.every((s) => typeof s === 'string')) return { kind: 'invalid', reason: 'invalid listen data' };
      return { kind: 'listen', streams: streams as string[] };
    }
    default:
      return { kind: 'invalid', reason: 'unknown action' };
  }
}

export const authorizationFrame = (status: 'authorized' | 'unauthorized', action: string) => ({
  stream: 'authorization',
  data: { status, action },
});

export const listeningFrame = (streams: string[]) => ({ stream: 'listening', data: { streams } });

export const tradeUpdateFrame = (update: TradeUpdate) => ({ stream: TRADE_UPDATES, data: update });

// The SDK surfaces `{action:"error"}` frames through its error event and keeps the connection.
export const errorFrame = (message: string) => ({ action: 'error', data: { error_message: message } });
