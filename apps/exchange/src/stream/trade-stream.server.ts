import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { ExchangeContext } from '../exchange-context';
import { accountByKeys, accountByToken } from '../http/auth.middleware';
import type { TradeUpdate } from '../trading/trade-events';
import { marketDataStreamClass } from './market-data-messages';
import {
  authorizationFrame,
  errorFrame,
  listeningFrame,
  parseStreamCommand,
  TRADE_UPDATES,
  tradeUpdateFrame,
} from './stream-messages';

export const STREAM_PATH = '/stream';

// Alpaca drops a connection that has not authenticated within seconds of opening.
const AUTH_TIMEOUT_MS = 10_000;
const MAX_FRAME_BYTES = 64 * 1024;
// A client this far behind is not reading; Alpaca closes such "slow clients" too.
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
const POLICY_VIOLATION = 1008;

interface Session {
  accountId?: string;
  listening: boolean;
  authTimer?: NodeJS.Timeout;
}

/**
 * Alpaca's `trade_updates` WebSocket on the exchange's HTTP server: authenticate, listen, then
 * every order event of that account, as binary JSON frames like Alpaca's paper stream. Missed
 * events are not replayed (Alpaca does not either; clients reconcile over REST).
 *
 * One connection per account, as on Alpaca. A newer authenticated connection takes over and the
 * older one is closed (1008 "connection replaced"): the process that reconnects after a crash
 * must not be locked out by its own half-dead predecessor. Two live holders of the same account
 * will therefore keep replacing each other; Autopilot holds one stream per account for that reason.
 */
export class TradeStreamServer {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  private readonly sessions = new Map<WebSocket, Session>();
  private readonly byAccount = new Map<string, WebSocket>();
  private readonly unsubscribe: () => void;
  private readonly onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => this.upgrade(req, socket, head);

  constructor(
    private readonly ctx: Pick<ExchangeContext, 'store' | 'events'>,
    private readonly server: Server,
  ) {
    server.on('upgrade', this.onUpgrade);
    this.unsubscribe = ctx.events.subscribe((accountId, update) => this.deliver(accountId, update));
  }

  /** Cuts every stream connection without a close handshake, like a network drop. */
  dropAll(): number {
    const count = this.sessions.size;
    for (const socket of this.sessions.keys()) socket.terminate();
    return count;
  }

  close(): Promise<void> {
    this.server.off('upgrade', this.onUpgrade);
    this.unsubscribe();
    this.dropAll();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = new URL(req.url ?? '/', 'http://exchange').pathname;
    if (path !== STREAM_PATH) {
      // The market-data stream's paths are answered by its own server on the same HTTP server.
      if (marketDataStreamClass(path)) return;
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.open(ws));
  }

  private open(ws: WebSocket): void {
    const session: Session = { listening: false };
    session.authTimer = setTimeout(() => this.refuse(ws, 'authenticate', 'auth timeout'), AUTH_TIMEOUT_MS);
    session.authTimer.unref();
    this.sessions.set(ws, session);
    ws.on('message', (data) => this.receive(ws, session, rawText(data)));
    // ws closes the socket itself after a protocol error; nothing to add but not crashing.
    ws.on('error', () => undefined);
    ws.on('close', () => {
      clearTimeout(session.authTimer);
      this.sessions.delete(ws);
      if (session.accountId && this.byAccount.get(session.accountId) === ws) this.byAccount.delete(session.accountId);
    });
  }

  private receive(ws: WebSocket, session: Session, text: string): void {
    const command = parseStreamCommand(text);
    if (command.kind === 'invalid') {
      this.send(ws, errorFrame(command.reason));
      return;
    }
    if (command.kind === 'listen') {
      if (!session.accountId) {
        this.refuse(ws, 'listen', 'not authenticated');
        return;
      }
      // Listening replaces the set of streams; `trade_updates` is the only one there is.
      const streams = command.streams.filter((stream) => stream === TRADE_UPDATES);
      session.listening = streams.length > 0;
      this.send(ws, listeningFrame(streams));
      return;
    }
    if (session.accountId) {
      this.send(ws, errorFrame('already authenticated'));
      return;
    }
    const account = 'oauthToken' in command ? accountByToken(this.ctx, command.oauthToken) : accountByKeys(this.ctx, command.keyId, command.secret);
    if (!account) {
      this.refuse(ws, 'authenticate', 'unauthorized');
      return;
    }
    clearTimeout(session.authTimer);
    session.accountId = account.id;
    const previous = this.byAccount.get(account.id);
    this.byAccount.set(account.id, ws);
    previous?.close(POLICY_VIOLATION, 'connection replaced');
    this.send(ws, authorizationFrame('authorized', 'authenticate'));
  }

  private refuse(ws: WebSocket, action: string, reason: string): void {
    this.send(ws, authorizationFrame('unauthorized', action));
    ws.close(POLICY_VIOLATION, reason);
  }

  private deliver(accountId: string, update: TradeUpdate): void {
    const ws = this.byAccount.get(accountId);
    if (!ws || !this.sessions.get(ws)?.listening) return;
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      ws.terminate();
      return;
    }
    this.send(ws, tradeUpdateFrame(update));
  }

  private send(ws: WebSocket, frame: object): void {
    if (ws.readyState !== ws.OPEN) return;
    ws.send(Buffer.from(JSON.stringify(frame)), { binary: true });
  }
}

function rawText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}
