import { findFreePort } from '../../scripts/process/free-port';
import { ensureTemporalCli } from '../../scripts/temporal-cli';
import { startTemporalDevServer, type TemporalDevServer } from '../../scripts/temporal-dev-server';

export interface TestServerOptions {
  binary?: string;
  /** SQLite file; undefined = in-memory. */
  dbFile?: string;
  namespace?: string;
  /** Reuse this gRPC port (a restart on the same db file keeps the address stable). */
  port?: number;
}

/**
 * A headless dev server on a free port. The port is probed free and then handed to the server, so
 * another process can grab it in between: retry with a fresh port when the start fails.
 */
export async function startTestTemporalServer(options: TestServerOptions = {}): Promise<TemporalDevServer> {
  const binary = options.binary ?? (await ensureTemporalCli());
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const port = options.port ?? (await findFreePort());
    try {
      return await startTemporalDevServer({
        binary,
        port,
        uiPort: false,
        namespace: options.namespace ?? 'default',
        dbFile: options.dbFile,
        logLevel: 'error',
        readyTimeoutMs: 90_000,
      });
    } catch (error) {
      lastError = error;
      if (options.port !== undefined) break;
    }
  }
  throw lastError;
}
