import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { createApiApp } from '../apps/api/src/create-api-app';
import { startExchange, type ExchangeHandle } from '../apps/exchange/src/exchange';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { loadConfig, type AppConfig } from '../libs/config';
import { findFreePort } from '../scripts/process/free-port';
import { ensureTemporalCli } from '../scripts/temporal-cli';
import { startTemporalDevServer, type TemporalDevServer } from '../scripts/temporal-dev-server';

export interface BenchStack {
  config: AppConfig;
  api: INestApplication;
  apiUrl: string;
  exchange: ExchangeHandle;
  client: Client;
  close(): Promise<void>;
}

/**
 * The whole system in this process on a throwaway SQLite file, a fresh in-memory Temporal dev
 * server (unless TEMPORAL_ADDRESS is set) and the paper exchange, with the API listening on a
 * real port so measurements include HTTP.
 */
export async function startBenchStack(env: Record<string, string> = {}): Promise<BenchStack> {
  try {
    Runtime.install({ logger: new DefaultLogger('ERROR'), shutdownSignals: [] });
  } catch {
    // Installed by an earlier stack of this run.
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'autopilot-bench-'));
  let temporal: TemporalDevServer | undefined;
  const address =
    process.env.TEMPORAL_ADDRESS ??
    (temporal = await startTemporalDevServer({ binary: await ensureTemporalCli(), port: await findFreePort(), uiPort: false, namespace: 'default', logLevel: 'error' }))
      .address;
  const exchange = await startExchange({ port: 0, priceDrift: false });
  const config = loadConfig(
    {
      DATA_DIR: dataDir,
      API_PORT: String(await findFreePort()),
      TEMPORAL_ADDRESS: address,
      TEMPORAL_TASK_QUEUE: `bench-${randomUUID()}`,
      ALPACA_TRADING_URL: exchange.url,
      ALPACA_DATA_URL: exchange.url,
      ALPACA_RATE_LIMIT: 'off',
      LOG_LEVEL: 'silent',
      ...env,
    },
    { keyFile: false },
  );
  const api = await createApiApp(config);
  await api.listen(config.api.port, config.api.host);
  const worker: INestApplicationContext = await NestFactory.createApplicationContext(
    WorkerModule.forRoot({ config, dataSource: api.get(DataSource) }),
    { logger: false },
  );
  await worker.init();
  const connection = await Connection.connect({ address });
  return {
    config,
    api,
    apiUrl: `http://${config.api.host}:${config.api.port}`,
    exchange,
    client: new Client({ connection, namespace: config.temporal.namespace }),
    async close() {
      await worker.close();
      await api.close();
      await connection.close();
      await exchange.close();
      await temporal?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
