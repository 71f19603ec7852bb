import type { Asset, AssetClass } from '../market/asset-catalog';
import type { MsgpackValue } from './msgpack';

/** The asset class a market-data stream path serves: Alpaca's stock feeds and crypto locations. */
export function marketDataStreamClass(path: string): AssetClass | undefined {
  if (/^\/v2\/(iex|sip|delayed_sip|test)$/.test(path)) return 'us_equity';
  if (/^\/v1beta3\/crypto\/[a-z]+$/.test(path)) return 'crypto';
  return undefined;
}

export type MarketDataCommand =
  | { kind: 'auth'; keyId: string; secret: string }
  | { kind: 'subscribe' | 'unsubscribe'; trades: string[] }
  | { kind: 'invalid' };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const stringList = (value: unknown): string[] | undefined =>
  value === undefined ? [] : Array.isArray(value) && value.every((s) => typeof s === 'string') ? value : undefined;

/**
 * Reads one client message: `{action: "auth", key, secret}`, or `subscribe` / `unsubscribe` with
 * channel lists. Only the trades channel is served; the other channels are accepted and ignored.
 */
export function parseMarketDataCommand(message: unknown): MarketDataCommand {
  if (!isRecord(message)) return { kind: 'invalid' };
  if (message.action === 'auth') {
    return typeof message.key === 'string' && typeof message.secret === 'string' ? { kind: 'auth', keyId: message.key, secret: message.secret } : { kind: 'invalid' };
  }
  if (message.action === 'subscribe' || message.action === 'unsubscribe') {
    const trades = stringList(message.trades);
    return trades ? { kind: message.action, trades } : { kind: 'invalid' };
  }
  return { kind: 'invalid' };
}

// Alpaca's control messages: each frame is an array of messages.
export const connectedFrame = (): MsgpackValue => [{ T: 'success', msg: 'connected' }];
export const authenticatedFrame = (): MsgpackValue => [{ T: 'success', msg: 'authenticated' }];
export const errorFrame = (code: number, msg: string): MsgpackValue => [{ T: 'error', code, msg }];

export function subscriptionFrame(trades: Iterable<string>): MsgpackValue {
  return [{ T: 'subscription', trades: [...trades], quotes: [], bars: [], updatedBars: [], dailyBars: [], statuses: [], lulds: [], corrections: [], cancelErrors: [] }];
}

/** One trade print at `price`, as Alpaca's stock (IEX) and crypto feeds send it. */
export function tradeFrame(asset: Asset, price: number, id: number, at: Date): MsgpackValue {
  if (asset.assetClass === 'crypto') return [{ T: 't', S: asset.symbol, p: price, s: 0.01, t: at, i: id, tks: 'B' }];
  return [{ T: 't', S: asset.symbol, i: id, x: 'V', p: price, s: 100, t: at, c: ['@'], z: 'C' }];
}
