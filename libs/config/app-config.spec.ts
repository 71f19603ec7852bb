import { join } from 'node:path';
import { loadConfig, temporalAddress } from './app-config';
import { ConfigError } from './config.error';

const HEX_KEY = 'a1'.repeat(32);
const pure = (env: NodeJS.ProcessEnv) => loadConfig(env, { keyFile: false, cwd: '/srv/autopilot' });

function problemsOf(env: NodeJS.ProcessEnv): readonly string[] {
  try {
    pure(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies every default when the environment is empty', () => {
    const config = pure({});
    expect(config).toMatchObject({
      api: { port: 3000, host: '127.0.0.1', publicUrl: 'http://127.0.0.1:3000' },
      exchange: { port: 4010 },
      temporal: { address: undefined, port: 7233, uiPort: 8233, namespace: 'default' },
      dataDir: '/srv/autopilot/.data',
      database: { kind: 'sqlite', sqlitePath: '/srv/autopilot/.data/autopilot.db' },
      alpaca: {
        tradingUrl: 'http://127.0.0.1:4010',
        dataUrl: 'http://127.0.0.1:4010',
        streamUrl: 'ws://127.0.0.1:4010/stream',
        dataStreamUrl: 'ws://127.0.0.1:4010',
        rateLimit: true,
        oauth: {
          authorizeUrl: 'http://127.0.0.1:4010/oauth/authorize',
          tokenUrl: 'http://127.0.0.1:4010/oauth/token',
          clientId: 'autopilot-local',
          clientSecret: 'autopilot-local-secret',
        },
      },
      encryptionKeySource: 'ephemeral',
      logLevel: 'info',
      reconcileIntervalSeconds: 60,
      disableBackgroundServices: false,
      enableTradingScheduler: true,
      orderFillPollSeconds: 5,
      enableOrderFillMonitor: true,
      orderFillStream: true,
      positionExitPollSeconds: 5,
      enablePositionExitMonitor: true,
      positionExitStream: true,
    });
    expect(config.encryptionKey).toHaveLength(32);
  });

  it('derives exchange and public URLs from the configured ports', () => {
    const config = pure({ EXCHANGE_PORT: '5010', API_PORT: '8080' });
    expect(config.alpaca.tradingUrl).toBe('http://127.0.0.1:5010');
    expect(config.alpaca.streamUrl).toBe('ws://127.0.0.1:5010/stream');
    expect(config.alpaca.oauth.tokenUrl).toBe('http://127.0.0.1:5010/oauth/token');
    expect(config.api.publicUrl).toBe('http://127.0.0.1:8080');
  });

  it('finds the trade_updates stream on the trading host unless told otherwise (as Alpaca serves it)', () => {
    expect(pure({ ALPACA_TRADING_URL: 'https://paper-api.alpaca.markets/' }).alpaca.streamUrl).toBe('wss://paper-api.alpaca.markets/stream');
    expect(pure({ ALPACA_TRADING_URL: 'http://127.0.0.1:39999' }).alpaca.streamUrl).toBe('ws://127.0.0.1:39999/stream');
  });

  it('reads explicit values, trimming trailing slashes from URLs and resolving DATA_DIR', () => {
    const config = pure({
      ALPACA_TRADING_URL: 'https://paper-api.alpaca.markets/',
      ALPACA_STREAM_URL: 'wss://paper-api.alpaca.markets/stream',
      DATA_DIR: 'state',
      DATABASE_URL: 'postgres://app:pw@db:5432/autopilot',
      TEMPORAL_ADDRESS: 'temporal:7233',
      TEMPORAL_NAMESPACE: 'prod',
      ENCRYPTION_KEY: HEX_KEY,
      LOG_LEVEL: 'DEBUG',
      ALPACA_RATE_LIMIT: 'off',
    });
    expect(config.alpaca.tradingUrl).toBe('https://paper-api.alpaca.markets');
    expect(config.alpaca.streamUrl).toBe('wss://paper-api.alpaca.markets/stream');
    expect(config.dataDir).toBe('/srv/autopilot/state');
    expect(config.database).toEqual({ kind: 'postgres', databaseUrl: 'postgres://app:pw@db:5432/autopilot' });
    expect(temporalAddress(config)).toBe('temporal:7233');
    expect(config.temporal.namespace).toBe('prod');
    expect(config.encryptionKey.equals(Buffer.from(HEX_KEY, 'hex'))).toBe(true);
    expect(config.encryptionKeySource).toBe('env');
    expect(config.logLevel).toBe('debug');
    expect(config.alpaca.rateLimit).toBe(false);
  });

  it('reads the order-fill poll interval in seconds', () => {
    expect(pure({ ORDER_FILL_POLL_SECONDS: '2' }).orderFillPollSeconds).toBe(2);
  });

  it("finds Alpaca's market-data streams on their own host, the paper exchange's on its port", () => {
    expect(pure({ ALPACA_DATA_URL: 'https://data.alpaca.markets' }).alpaca.dataStreamUrl).toBe('wss://stream.data.alpaca.markets');
    expect(pure({ ALPACA_DATA_URL: 'https://data.sandbox.alpaca.markets/' }).alpaca.dataStreamUrl).toBe('wss://stream.data.sandbox.alpaca.markets');
    expect(pure({ ALPACA_DATA_URL: 'http://127.0.0.1:39999' }).alpaca.dataStreamUrl).toBe('ws://127.0.0.1:39999');
    expect(pure({ ALPACA_DATA_STREAM_URL: 'wss://example.test/md' }).alpaca.dataStreamUrl).toBe('wss://example.test/md');
  });

  it('reads the position-exit poll interval in seconds', () => {
    expect(pure({ POSITION_EXIT_POLL_SECONDS: '1' }).positionExitPollSeconds).toBe(1);
  });

  it('keeps an absolute DATA_DIR and treats blank values as unset', () => {
    const config = pure({ DATA_DIR: '/var/lib/autopilot', API_PORT: '  ', DATABASE_URL: '' });
    expect(config.dataDir).toBe('/var/lib/autopilot');
    expect(config.api.port).toBe(3000);
    expect(config.database.kind).toBe('sqlite');
  });

  it.each([
    ['true', true],
    ['1', true],
    ['on', true],
    ['TRUE', true],
    ['false', false],
    ['0', false],
    ['off', false],
  ])('parses the boolean %p as %p', (raw, expected) => {
    expect(pure({ DISABLE_BACKGROUND_SERVICES: raw }).disableBackgroundServices).toBe(expected);
    expect(pure({ ENABLE_TRADING_SCHEDULER: raw }).enableTradingScheduler).toBe(expected);
    expect(pure({ ENABLE_ORDER_FILL_MONITOR: raw }).enableOrderFillMonitor).toBe(expected);
    expect(pure({ ENABLE_POSITION_EXIT_MONITOR: raw }).enablePositionExitMonitor).toBe(expected);
  });

  it.each([
    [{ API_PORT: 'abc' }, 'API_PORT must be an integer 1-65535, got "abc"'],
    [{ API_PORT: '0' }, 'API_PORT must be an integer 1-65535, got "0"'],
    [{ EXCHANGE_PORT: '70000' }, 'EXCHANGE_PORT must be an integer 1-65535, got "70000"'],
    [{ TEMPORAL_PORT: '72.5' }, 'TEMPORAL_PORT must be an integer 1-65535, got "72.5"'],
    [{ TEMPORAL_UI_PORT: '-1' }, 'TEMPORAL_UI_PORT must be an integer 1-65535, got "-1"'],
    [{ TEMPORAL_ADDRESS: 'temporal' }, 'TEMPORAL_ADDRESS must be host:port (e.g. temporal:7233), got "temporal"'],
    [{ TEMPORAL_ADDRESS: 'temporal:99999' }, 'TEMPORAL_ADDRESS must be host:port (e.g. temporal:7233), got "temporal:99999"'],
    [{ TEMPORAL_NAMESPACE: 'my ns' }, 'TEMPORAL_NAMESPACE must not contain whitespace, got "my ns"'],
    [{ ALPACA_TRADING_URL: 'paper-api' }, 'ALPACA_TRADING_URL must be an absolute http:// or https:// URL, got "paper-api"'],
    [{ ALPACA_STREAM_URL: 'http://x/stream' }, 'ALPACA_STREAM_URL must be an absolute ws:// or wss:// URL, got "http://x/stream"'],
    [{ API_PUBLIC_URL: 'ftp://x' }, 'API_PUBLIC_URL must be an absolute http:// or https:// URL, got "ftp://x"'],
    [{ ALPACA_RATE_LIMIT: 'maybe' }, 'ALPACA_RATE_LIMIT must be one of on/off, got "maybe"'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of fatal/error/warn/info/debug/trace/silent, got "loud"'],
    [{ RECONCILE_INTERVAL_SECONDS: '0' }, 'RECONCILE_INTERVAL_SECONDS must be an integer 1-86400, got "0"'],
    [{ DISABLE_BACKGROUND_SERVICES: 'yesplease' }, 'DISABLE_BACKGROUND_SERVICES must be one of true/false/1/0/on/off, got "yesplease"'],
    [{ ENABLE_TRADING_SCHEDULER: '2' }, 'ENABLE_TRADING_SCHEDULER must be one of true/false/1/0/on/off, got "2"'],
    [{ ORDER_FILL_POLL_SECONDS: '0' }, 'ORDER_FILL_POLL_SECONDS must be an integer 1-86400, got "0"'],
    [{ ORDER_FILL_POLL_SECONDS: '2.5' }, 'ORDER_FILL_POLL_SECONDS must be an integer 1-86400, got "2.5"'],
    [{ ORDER_FILL_POLL_SECONDS: '-5' }, 'ORDER_FILL_POLL_SECONDS must be an integer 1-86400, got "-5"'],
    [{ ENABLE_ORDER_FILL_MONITOR: 'sometimes' }, 'ENABLE_ORDER_FILL_MONITOR must be one of true/false/1/0/on/off, got "sometimes"'],
    [{ POSITION_EXIT_POLL_SECONDS: '0' }, 'POSITION_EXIT_POLL_SECONDS must be an integer 1-86400, got "0"'],
    [{ ENABLE_POSITION_EXIT_MONITOR: 'maybe' }, 'ENABLE_POSITION_EXIT_MONITOR must be one of true/false/1/0/on/off, got "maybe"'],
  ])('rejects %p', (env, message) => {
    expect(problemsOf(env)).toEqual([message]);
  });

  it('lists every bad variable in one error', () => {
    const problems = problemsOf({ API_PORT: 'abc', LOG_LEVEL: 'loud', ALPACA_DATA_URL: 'nope' });
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/API_PORT[\s\S]*ALPACA_DATA_URL[\s\S]*LOG_LEVEL/);
  });

  it.each([
    [{ ENCRYPTION_KEY: 'too-short-secret-value' }, 'too-short-secret-value'],
    [{ DATABASE_URL: 'mysql://app:hunter2@db/autopilot' }, 'hunter2'],
  ])('never prints secret values in errors (%p)', (env, secret) => {
    let message = '';
    try {
      pure(env);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(Object.keys(env)[0]);
    expect(message).not.toContain(secret);
  });

  it('returns a frozen object', () => {
    const config = pure({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.alpaca.oauth)).toBe(true);
  });
});

describe('temporalAddress', () => {
  it.each([
    [undefined, 7233, '127.0.0.1:7233'],
    [undefined, 17233, '127.0.0.1:17233'],
    ['temporal.internal:7233', 7233, 'temporal.internal:7233'],
  ])('address %p with port %p dials %p', (address, port, expected) => {
    expect(temporalAddress({ temporal: { address, port, uiPort: 8233, namespace: 'default', taskQueue: 'autopilot-strategies' } })).toBe(expected);
  });
});

it('resolves the sqlite path inside DATA_DIR', () => {
  const config = pure({ DATA_DIR: '/tmp/x' });
  expect(config.database).toEqual({ kind: 'sqlite', sqlitePath: join('/tmp/x', 'autopilot.db') });
});
