import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { ExchangeContext } from '../exchange-context';
import { accountByKeys } from '../http/auth.middleware';
import { findAsset, type Asset, type AssetClass } from '../market/asset-catalog';
import {
  authenticatedFrame,
  connectedFrame,
  errorFrame,
  marketDataStreamClass,
  parseMarketDataCommand,
  subscriptionFrame,
  tradeFrame,
} from './market-data-messages';
import { decodeMsgpack, encodeMsgpack, type MsgpackValue } from './msgpack';
import { AUTH_TIMEOUT_MS, frameBytes, MAX_BUFFERED_BYTES, MAX_FRAME_BYTES, POLICY_VIOLATION, type UpgradeTarget } from './websocket-upgrades';

/** How often prices are sampled for a changed print, ms. */
const DEFAULT_TICK_MS = 200;

interface Session {
  assetClass: AssetClass;
  /** The client asked for msgpack (`Content-Type: application/msgpack`, as the SDK does); else JSON text. */
  msgpack: boolean;
  accountId?: string;
  authTimer?: NodeJS.Timeout;
  /** Subscribed symbol -> the last price sent for it. */
  trades: Map<string, { asset: Asset; lastPrice: number }>;
}

/**
 * Alpaca's real-time market-data WebSocket (the protocol of the SDK's `stockStream` and
 * `cryptoStream`): `/v2/{iex,sip,...}` for equities and `/v1beta3/crypto/{loc}` for crypto, on the
 * exchange's HTTP server. Connect, `auth` with the key pair, `subscribe` to trades; then a trade
 * print each time a subscribed symbol's price changes (admin prices and drift alike, sampled every
 * tick). Frames are msgpack arrays of messages like Alpaca's (JSON text when the client asks for
 * no msgpack). Quotes and bars are not served.
 */
export class MarketDataStreamServer implements UpgradeTarget {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  private readonly sessions = new Map<WebSocket, Session>();
  private readonly timer: NodeJS.Timeout;
  private printId = 0;

  constructor(
    private readonly ctx: Pick<ExchangeContext, 'store' | 'prices'>,
    options: { tickMs?: number } = {},
  ) {
    this.timer = setInterval(() => this.tick(), options.tickMs ?? DEFAULT_TICK_MS);
    this.timer.unref();
  }

  dropAll(): number {
    const count = this.sessions.size;
    for (const socket of this.sessions.keys()) socket.terminate();
    return count;
  }

  close(): Promise<void> {
    clearInterval(this.timer);
    this.dropAll();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }

  accepts(path: string): boolean {
    return marketDataStreamClass(path) !== undefined;
  }

  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, path: string): void {
    const assetClass = marketDataStreamClass(path)!;
    const msgpack = /application\/msgpack/i.test(req.headers['content-type'] ?? '');
    this.wss.handleUpgrade(req, socket, head, (ws) => this.open(ws, { assetClass, msgpack, trades: new Map() }));
  }

  private open(ws: WebSocket, session: Session): void {
    session.authTimer = setTimeout(() => this.refuse(ws, session, 404, 'auth timeout'), AUTH_TIMEOUT_MS);
    session.authTimer.unref();
    this.sessions.set(ws, session);
    ws.on('message', (data, isBinary) => this.receive(ws, session, data, isBinary));
    ws.on('error', () => undefined);
    ws.on('close', () => {
      clearTimeout(session.authTimer);
      this.sessions.delete(ws);
    });
    this.send(ws, session, connectedFrame());
  }

  private receive(ws: WebSocket, session: Session, data: RawData, isBinary: boolean): void {
    const command = parseMarketDataCommand(decode(data, isBinary));
    if (command.kind === 'invalid') {
      this.send(ws, session, errorFrame(400, 'invalid syntax'));
      return;
    }
    if (command.kind === 'auth') {
      if (session.accountId) {
        this.send(ws, session, errorFrame(403, 'already authenticated'));
        return;
      }
      const account = accountByKeys(this.ctx, command.keyId, command.secret);
      if (!account) {
        this.refuse(ws, session, 402, 'auth failed');
        return;
      }
      clearTimeout(session.authTimer);
      session.accountId = account.id;
      this.send(ws, session, authenticatedFrame());
      return;
    }
    if (!session.accountId) {
      this.send(ws, session, errorFrame(401, 'not authenticated'));
      return;
    }
    for (const symbol of command.trades) {
      const asset = findAsset(symbol);
      // Like Alpaca's feeds, a stream serves its own asset class; unknown symbols are left out.
      if (!asset || asset.assetClass !== session.assetClass) continue;
      if (command.kind === 'unsubscribe') session.trades.delete(asset.symbol);
      else if (!session.trades.has(asset.symbol)) session.trades.set(asset.symbol, { asset, lastPrice: this.ctx.prices.price(asset) });
    }
    this.send(ws, session, subscriptionFrame(session.trades.keys()));
  }

  private tick(): void {
    const now = new Date();
    const prices = new Map<string, number>();
    for (const [ws, session] of this.sessions) {
      for (const subscription of session.trades.values()) {
        const { asset } = subscription;
        const price = prices.get(asset.symbol) ?? this.ctx.prices.price(asset, now.getTime());
        prices.set(asset.symbol, price);
        if (price === subscription.lastPrice) continue;
        subscription.lastPrice = price;
        this.printId += 1;
        this.send(ws, session, tradeFrame(asset, price, this.printId, now));
      }
    }
  }

  private refuse(ws: WebSocket, session: Session, code: number, message: string): void {
    this.send(ws, session, errorFrame(code, message));
    ws.close(POLICY_VIOLATION, message);
  }

  private send(ws: WebSocket, session: Session, frame: MsgpackValue): void {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      ws.terminate();
      return;
    }
    if (session.msgpack) ws.send(encodeMsgpack(frame), { binary: true });
    else ws.send(JSON.stringify(frame));
  }
}

function decode(data: RawData, isBinary: boolean): unknown {
  const bytes = frameBytes(data);
  try {
    return isBinary ? decodeMsgpack(bytes) : JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
}
