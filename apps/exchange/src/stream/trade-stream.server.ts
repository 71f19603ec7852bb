import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ExchangeContext } from '../exchange-context';
import { accountByKeys, accountByToken } from '../http/auth.middleware';
import type { TradeUpdate } from '../trading/trade-events';
import {
  authorizationFrame,
  errorFrame,
  listeningFrame,
  parseStreamCommand,
  TRADE_UPDATES,
  tradeUpdateFrame,
} from './stream-messages';
import { AUTH_TIMEOUT_MS, frameBytes, MAX_BUFFERED_BYTES, MAX_FRAME_BYTES, POLICY_VIOLATION, type UpgradeTarget } from './websocket-upgrades';

export const STREAM_PATH = '/stream';

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
export class TradeStreamServer implements UpgradeTarget {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  private readonly sessions = new Map<WebSocket, Session>();
  private readonly byAccount = new Map<string, WebSocket>();
  private readonly unsubscribe: () => void;

  constructor(private readonly ctx: Pick<ExchangeContext, 'store' | 'events'>) {
    this.unsubscribe = ctx.events.subscribe((accountId, update) => this.deliver(accountId, update));
  }

  /** Cuts every stream connection without a close handshake, like a network drop. */
  dropAll(): number {
    const count = this.sessions.size;
    for (const socket of this.sessions.keys()) socket.terminate();
    return count;
  }

  close(): Promise<void> {
    this.unsubscribe();
    this.dropAll();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }

  accepts(path: string): boolean {
    return path === STREAM_PATH;
  }

  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.open(ws));
  }

  private open(ws: WebSocket): void {
    const session: Session = { listening: false };
    session.authTimer = setTimeout(() => this.refuse(ws, 'authenticate', 'auth timeout'), AUTH_TIMEOUT_MS);
    session.authTimer.unref();
    this.sessions.set(ws, session);
    ws.on('message', (data) => this.receive(ws, session, frameBytes(data).toString('utf8')));
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
