import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { LOG_LEVELS, type AppConfig, type DatabaseConfig } from './app-config.types';
import { ConfigError } from './config.error';
import {
  ENCRYPTION_KEY_BYTES,
  ENCRYPTION_KEY_FORMAT,
  parseEncryptionKey,
  resolveEncryptionKey,
  type ResolvedEncryptionKey,
} from './encryption-key';
import { EnvReader } from './env-reader';
import { redactUrlPassword } from './redact';

export interface LoadConfigOptions {
  /**
   * false skips $DATA_DIR/encryption.key (no file I/O, for pure tests): without ENCRYPTION_KEY the
   * key is then random and lives only in memory, so nothing encrypted with it survives a restart.
   */
  keyFile?: boolean;
  /** Base for a relative DATA_DIR; defaults to the process's working directory. */
  cwd?: string;
}

import { STRATEGY_TASK_QUEUE } from '../contracts/ids';

const HTTP = ['http:', 'https:'];
const WS = ['ws:', 'wss:'];
const ONE_DAY_SECONDS = 86_400;

/** Parses and validates the environment once; throws ConfigError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: LoadConfigOptions = {}): AppConfig {
  const read = new EnvReader(env);
  const apiPort = read.port('API_PORT', 3000);
  const exchangePort = read.port('EXCHANGE_PORT', 4010);
  const exchange = `127.0.0.1:${exchangePort}`;
  const tradingUrl = read.url('ALPACA_TRADING_URL', `http://${exchange}`, HTTP);
  const dataUrl = read.url('ALPACA_DATA_URL', `http://${exchange}`, HTTP);
  const dataDir = resolve(options.cwd ?? process.cwd(), read.raw('DATA_DIR') ?? '.data');

  const config = {
    api: {
      port: apiPort,
      host: read.string('API_HOST', '127.0.0.1'),
      publicUrl: read.url('API_PUBLIC_URL', `http://127.0.0.1:${apiPort}`, HTTP),
    },
    exchange: { port: exchangePort },
    temporal: {
      address: readTemporalAddress(read),
      port: read.port('TEMPORAL_PORT', 7233),
      uiPort: read.port('TEMPORAL_UI_PORT', 8233),
      namespace: read.string('TEMPORAL_NAMESPACE', 'default'),
      // One queue per deployment; tests give each stack its own so their workers never share work.
      taskQueue: read.string('TEMPORAL_TASK_QUEUE', STRATEGY_TASK_QUEUE),
    },
    dataDir,
    database: readDatabase(read, dataDir),
    alpaca: {
      tradingUrl,
      dataUrl,
      dataStreamUrl: read.url('ALPACA_DATA_STREAM_URL', defaultDataStreamUrl(dataUrl), WS),
      // Alpaca serves trade_updates on the trading host (wss://paper-api.alpaca.markets/stream).
      streamUrl: read.url('ALPACA_STREAM_URL', `${tradingUrl.replace(/^http/, 'ws').replace(/\/+$/, '')}/stream`, WS),
      rateLimit: read.oneOf('ALPACA_RATE_LIMIT', ['on', 'off'], 'on') === 'on',
      oauth: {
        authorizeUrl: read.url('ALPACA_OAUTH_AUTHORIZE_URL', `http://${exchange}/oauth/authorize`, HTTP),
        tokenUrl: read.url('ALPACA_OAUTH_TOKEN_URL', `http://${exchange}/oauth/token`, HTTP),
        clientId: read.string('ALPACA_OAUTH_CLIENT_ID', 'autopilot-local'),
        clientSecret: read.raw('ALPACA_OAUTH_CLIENT_SECRET') ?? 'autopilot-local-secret',
      },
    },
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    reconcileIntervalSeconds: read.integer('RECONCILE_INTERVAL_SECONDS', 60, 1, ONE_DAY_SECONDS),
    disableBackgroundServices: read.boolean('DISABLE_BACKGROUND_SERVICES', false),
    enableTradingScheduler: read.boolean('ENABLE_TRADING_SCHEDULER', true),
    orderFillPollSeconds: read.integer('ORDER_FILL_POLL_SECONDS', 5, 1, ONE_DAY_SECONDS),
    enableOrderFillMonitor: read.boolean('ENABLE_ORDER_FILL_MONITOR', true),
    orderFillStream: read.boolean('ORDER_FILL_STREAM', true),
    positionExitPollSeconds: read.integer('POSITION_EXIT_POLL_SECONDS', 5, 1, ONE_DAY_SECONDS),
    enablePositionExitMonitor: read.boolean('ENABLE_POSITION_EXIT_MONITOR', true),
    positionExitStream: read.boolean('POSITION_EXIT_STREAM', true),
  };

  const envKey = read.raw('ENCRYPTION_KEY');
  if (envKey !== undefined && !parseEncryptionKey(envKey)) {
    read.fail('ENCRYPTION_KEY', `must be ${ENCRYPTION_KEY_FORMAT}`, undefined, undefined);
  }
  if (read.problems.length > 0) throw new ConfigError(read.problems);

  const { key, source } = resolveKey(dataDir, envKey, options.keyFile ?? true);
  return freeze({ ...config, encryptionKey: key, encryptionKeySource: source });
}

/**
 * Alpaca serves market-data streams on their own host (wss://stream.data.alpaca.markets); the
 * paper exchange on its one port, like everything else.
 */
function defaultDataStreamUrl(dataUrl: string): string {
  const ws = dataUrl.replace(/^http/, 'ws').replace(/\/+$/, '');
  return ws.replace(/^(wss?:\/\/)data\.(sandbox\.)?alpaca\.markets/, '$1stream.data.$2alpaca.markets');
}

/** The address workers and clients dial: TEMPORAL_ADDRESS, or the dev server the launcher starts. */
export function temporalAddress(config: Pick<AppConfig, 'temporal'>): string {
  return config.temporal.address ?? `127.0.0.1:${config.temporal.port}`;
}

function readTemporalAddress(read: EnvReader): string | undefined {
  const value = read.raw('TEMPORAL_ADDRESS');
  if (value === undefined) return undefined;
  const match = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):([0-9]{1,5})$/.exec(value);
  const port = match ? Number(match[2]) : 0;
  if (!match || port < 1 || port > 65535) {
    return read.fail('TEMPORAL_ADDRESS', 'must be host:port (e.g. temporal:7233)', value, undefined);
  }
  return value;
}

function readDatabase(read: EnvReader, dataDir: string): DatabaseConfig {
  const url = read.raw('DATABASE_URL');
  if (url === undefined) return { kind: 'sqlite', sqlitePath: join(dataDir, 'autopilot.db') };
  if (!/^postgres(ql)?:\/\/./.test(url)) {
    read.fail('DATABASE_URL', 'must be a postgres:// or postgresql:// URL (unset it for SQLite)', redactUrlPassword(url), undefined);
  }
  return { kind: 'postgres', databaseUrl: url };
}

function resolveKey(dataDir: string, envKey: string | undefined, useKeyFile: boolean): Pick<ResolvedEncryptionKey, 'key'> & {
  source: AppConfig['encryptionKeySource'];
} {
  if (useKeyFile || envKey !== undefined) return resolveEncryptionKey(dataDir, envKey);
  return { key: randomBytes(ENCRYPTION_KEY_BYTES), source: 'ephemeral' };
}

// A Buffer cannot be frozen (typed arrays with elements throw), so freeze the plain objects only.
function freeze(config: AppConfig): AppConfig {
  for (const part of [config.api, config.exchange, config.temporal, config.database, config.alpaca.oauth, config.alpaca]) {
    Object.freeze(part);
  }
  return Object.freeze(config);
}
