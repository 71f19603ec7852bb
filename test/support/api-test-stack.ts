import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { startExchange, type ExchangeHandle } from '../../apps/exchange/src/exchange';
import { loadConfig, type AppConfig } from '../../libs/config';
import { createTestDatabase, type TestDatabase, type TestDatabaseKind } from '../../libs/database/testing/test-database';

export interface ApiTestStack {
  app: INestApplication;
  config: AppConfig;
  exchange: ExchangeHandle;
  /** The app's own DataSource, for reading raw rows. */
  dataSource: DataSource;
  /** supertest against the app's HTTP server (no port is opened). */
  http(): ReturnType<typeof request>;
  close(): Promise<void>;
}

export interface ApiTestStackOptions {
  /** Temporal the app dials; defaults to the integration project's dev server, if any. */
  temporalAddress?: string;
  env?: Record<string, string>;
}

/**
 * The API as a user meets it: a real paper exchange on an ephemeral port, a fresh database of the
 * given kind (SQLite in a temp DATA_DIR, or a throwaway PostgreSQL database), and the app's own
 * boot path (config parsing, migrations) on top.
 */
export async function startApiTestStack(kind: TestDatabaseKind, options: ApiTestStackOptions = {}): Promise<ApiTestStack> {
  const dataDir = await mkdtemp(join(tmpdir(), 'autopilot-api-test-'));
  const cleanups: Array<() => Promise<unknown>> = [() => rm(dataDir, { recursive: true, force: true })];
  const closeAll = async (): Promise<void> => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  try {
    const exchange = await startExchange({ port: 0, priceDrift: false });
    cleanups.push(() => exchange.close());
    let postgres: TestDatabase | undefined;
    if (kind === 'postgres') {
      // Only the fresh database and its URL are used: the app migrates it through its own boot path.
      postgres = await createTestDatabase('postgres', { migrate: false });
      await postgres.dataSource.destroy();
      cleanups.push(() => postgres!.drop());
    }
    const config = loadConfig(
      {
        DATA_DIR: dataDir,
        API_PUBLIC_URL: 'http://127.0.0.1:3999',
        TEMPORAL_ADDRESS: options.temporalAddress ?? process.env.TEMPORAL_TEST_ADDRESS ?? `127.0.0.1:${await unusedPort()}`,
        TEMPORAL_NAMESPACE: process.env.TEMPORAL_TEST_NAMESPACE ?? 'default',
        ALPACA_TRADING_URL: exchange.url,
        ALPACA_DATA_URL: exchange.url,
        ALPACA_STREAM_URL: `${exchange.url.replace(/^http/, 'ws')}/stream`,
        ALPACA_OAUTH_AUTHORIZE_URL: `${exchange.url}/oauth/authorize`,
        ALPACA_OAUTH_TOKEN_URL: `${exchange.url}/oauth/token`,
        ALPACA_RATE_LIMIT: 'off',
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
        ...(postgres?.databaseUrl ? { DATABASE_URL: postgres.databaseUrl } : {}),
        ...options.env,
      },
      { keyFile: false },
    );
    const app = await createApiApp(config);
    cleanups.push(() => app.close());
    return {
      app,
      config,
      exchange,
      dataSource: app.get(DataSource),
      http: () => request(app.getHttpServer()),
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/** A loopback port nobody listens on (for "Temporal is down"). */
export async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
