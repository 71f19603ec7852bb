import type { streaming } from '@alpacahq/alpaca-trade-api';
import { WebSocket } from 'ws';

const SOCKET_OPTIONS = { perMessageDeflate: false };

/**
 * The socket factory handed to the SDK's TradingStream. Opening the sockets here lets close()
 * wait until the last one is really shut (the SDK's disconnect() does not), and lets OAuth
 * accounts stream: the SDK only knows key pairs, so its authenticate frame is rewritten to
 * Alpaca's `{"action":"authenticate","data":{"oauth_token":...}}`.
 */
export class TradingStreamSockets {
  private current?: WebSocket;

  constructor(private readonly oauthToken?: string) {}

  readonly factory: streaming.WebSocketFactory = (url) => {
    const socket = new WebSocket(url, SOCKET_OPTIONS);
    this.current = socket;
    return this.oauthToken === undefined ? socket : withOAuth(socket, this.oauthToken);
  };

  /** Resolves once the latest socket is closed; cuts it if the close handshake stalls. */
  whenClosed(timeoutMs: number): Promise<void> {
    const socket = this.current;
    if (!socket || socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => socket.terminate(), timeoutMs);
      socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      // Still connecting: there is no handshake to wait for.
      if (socket.readyState === WebSocket.CONNECTING) socket.terminate();
    });
  }
}

function withOAuth(socket: WebSocket, token: string): streaming.WebSocketLike {
  return {
    on: (event, listener) => socket.on(event, listener),
    send: (data) => socket.send(typeof data === 'string' && isAuthenticate(data) ? oauthFrame(token) : data),
    close: (code, reason) => socket.close(code, reason),
    terminate: () => socket.terminate(),
    ping: () => socket.ping(),
    get readyState() {
      return socket.readyState;
    },
  };
}

function isAuthenticate(text: string): boolean {
  try {
    return (JSON.parse(text) as { action?: unknown }).action === 'authenticate';
  } catch {
    return false;
  }
}

const oauthFrame = (token: string): string => JSON.stringify({ action: 'authenticate', data: { oauth_token: token } });
