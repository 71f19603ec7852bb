import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { RawData } from 'ws';

// Limits both WebSocket servers share. Alpaca drops a connection that has not authenticated
// within seconds of opening, and closes "slow clients" that are this far behind in reading.
export const AUTH_TIMEOUT_MS = 10_000;
export const MAX_FRAME_BYTES = 64 * 1024;
export const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
export const POLICY_VIOLATION = 1008;

/** A WebSocket server on the exchange's HTTP server, answering the upgrade paths it accepts. */
export interface UpgradeTarget {
  accepts(path: string): boolean;
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, path: string): void;
}

/**
 * Hands each WebSocket upgrade of `server` to the first target accepting its path; other paths
 * are refused with a 404. Returns the function that stops routing.
 */
export function routeUpgrades(server: Server, targets: readonly UpgradeTarget[]): () => void {
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(req.url ?? '/', 'http://exchange').pathname;
    const target = targets.find((candidate) => candidate.accepts(path));
    if (target) target.upgrade(req, socket, head, path);
    else socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  };
  server.on('upgrade', onUpgrade);
  return () => server.off('upgrade', onUpgrade);
}

/** A received frame's bytes, whichever form ws hands them over in. */
export function frameBytes(data: RawData): Buffer {
  return Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}
