import type { ChildProcess } from 'node:child_process';
import { SEARCH_ATTRIBUTES } from '../libs/contracts/search-attributes';
import { guardedSpawn } from './process/guarded-spawn';
import { forEachLine } from './process/line-splitter';
import { OutputTail } from './process/output-tail';
import { childExited, stopChild } from './process/stop-child';
import { temporalCliEnv } from './temporal-cli-env';
import { ensureSearchAttributes } from './temporal-search-attributes';
import { waitForTemporal } from './wait-for-temporal';

export { waitForTemporal } from './wait-for-temporal';

// The server flushes its SQLite file on SIGTERM; it normally exits within a second or two.
const STOP_GRACE_MS = 10_000;

export type TemporalLogLevel = 'debug' | 'info' | 'warn' | 'error' | 'never';

export interface TemporalDevServerOptions {
  binary: string;
  /** Frontend gRPC port. */
  port: number;
  /** Web UI port; `false` starts the server without the UI (tests). */
  uiPort: number | false;
  namespace: string;
  /** SQLite file that keeps workflows across restarts; undefined = in-memory. */
  dbFile?: string;
  ip?: string;
  logLevel?: TemporalLogLevel;
  /** How long to wait for the frontend to answer (a busy 2-core box needs tens of seconds). */
  readyTimeoutMs?: number;
  /** Own process group, so a terminal's Ctrl-C reaches only our launcher, which stops it last. */
  detached?: boolean;
  /** Every line the server prints, until stop() is called (its shutdown chatter is dropped). */
  onLine?: (line: string) => void;
}

export interface TemporalDevServer {
  /** host:port of the gRPC frontend. */
  address: string;
  /** Undefined when started without the UI. */
  uiUrl: string | undefined;
  namespace: string;
  pid: number;
  /** Resolves with the exit code (null when killed by a signal) if the server dies on its own. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
  /** SIGKILL now (a second Ctrl-C). Only immediate for a detached server (its own process group). */
  kill(): void;
}

/**
 * Runs `temporal server start-dev`, waits until it serves the namespace, and makes sure the
 * custom search attributes exist. Rejects (and kills the server) when it exits early or never
 * becomes ready, with the tail of its output in the message.
 */
export async function startTemporalDevServer(options: TemporalDevServerOptions): Promise<TemporalDevServer> {
  const ip = options.ip ?? '127.0.0.1';
  const address = `${ip}:${options.port}`;
  // Guarded: if this process dies without calling stop() (a crash, a killed jest), the server
  // stops too instead of holding its ports and database file.
  const child = guardedSpawn(options.binary, devServerArgs({ ...options, ip }), {
    env: temporalCliEnv(),
    detached: options.detached ?? false,
    graceMs: STOP_GRACE_MS,
  });

  const tail = new OutputTail();
  let stopping = false;
  const onLine = (line: string): void => {
    tail.push(line);
    if (!stopping) options.onLine?.(line);
  };
  forEachLine(child.stdout!, onLine);
  forEachLine(child.stderr!, onLine);

  const exit = childExited(child);
  const stop = async (): Promise<void> => {
    stopping = true;
    await stopChild(child, STOP_GRACE_MS + 5_000);
  };

  const giveUp = new AbortController();
  try {
    await Promise.race([
      waitForTemporal(address, options.readyTimeoutMs ?? 60_000, { namespace: options.namespace, signal: giveUp.signal }),
      spawnFailure(child).then((error) => Promise.reject(error)),
      exit.then(({ code, signal }) => Promise.reject(
        new Error(`temporal server start-dev exited early (${signal ?? `code ${code}`}):\n${tail.text()}`),
      )),
    ]);
    await ensureSearchAttributes(options.binary, address, options.namespace, SEARCH_ATTRIBUTES);
  } catch (error) {
    giveUp.abort();
    await stop();
    throw error;
  }

  return {
    address,
    uiUrl: options.uiPort === false ? undefined : `http://${ip}:${options.uiPort}`,
    namespace: options.namespace,
    pid: child.pid!,
    exited: exit.then(({ code }) => code),
    stop,
    kill: () => {
      stopping = true;
      if (options.detached === true && child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      } else {
        // Killing only the guard would orphan the server: closing its stdin makes it stop the server.
        child.stdin?.destroy();
      }
    },
  };
}

export function devServerArgs(options: TemporalDevServerOptions & { ip: string }): string[] {
  const args = ['server', 'start-dev', '--ip', options.ip, '--port', String(options.port)];
  args.push(...(options.uiPort === false ? ['--headless'] : ['--ui-port', String(options.uiPort)]));
  // "default" always exists; naming it again is harmless but noisy.
  if (options.namespace !== 'default') args.push('--namespace', options.namespace);
  if (options.dbFile !== undefined) args.push('--db-filename', options.dbFile);
  args.push('--log-level', options.logLevel ?? 'warn');
  for (const [name, type] of Object.entries(SEARCH_ATTRIBUTES)) args.push('--search-attribute', `${name}=${type}`);
  return args;
}

function spawnFailure(child: ChildProcess): Promise<Error> {
  return new Promise((resolve) => {
    child.once('error', (error) => resolve(new Error(`cannot run the Temporal CLI: ${error.message}`)));
  });
}
