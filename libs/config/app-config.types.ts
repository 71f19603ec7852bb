import type { EncryptionKeySource } from './encryption-key';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Shaped so it can be passed straight to createDataSource. */
export type DatabaseConfig = { kind: 'postgres'; databaseUrl: string } | { kind: 'sqlite'; sqlitePath: string };

/** The whole configuration, parsed and validated once at boot; every process reads only this. */
export interface AppConfig {
  readonly api: { readonly port: number; readonly host: string; /** Base of the OAuth redirect_uri. */ readonly publicUrl: string };
  readonly exchange: { readonly port: number };
  readonly temporal: {
    /** host:port of an existing server; undefined means the launcher starts a dev server. */
    readonly address: string | undefined;
    readonly port: number;
    readonly uiPort: number;
    readonly namespace: string;
    /** Task queue of strategy workflows and activities (default autopilot-strategies). */
    readonly taskQueue: string;
  };
  /** Absolute path. */
  readonly dataDir: string;
  readonly database: DatabaseConfig;
  readonly alpaca: {
    readonly tradingUrl: string;
    readonly dataUrl: string;
    readonly streamUrl: string;
    /** Base of the market-data WebSockets (`/v2/iex`, `/v1beta3/crypto/us` are appended). */
    readonly dataStreamUrl: string;
    /** The SDK's client-side limiter (~200 requests/min); only tests turn it off. */
    readonly rateLimit: boolean;
    readonly oauth: {
      readonly authorizeUrl: string;
      readonly tokenUrl: string;
      readonly clientId: string;
      readonly clientSecret: string;
    };
  };
  /** 32 bytes for AES-256-GCM; access-token and OAuth-state keys are derived from it. */
  readonly encryptionKey: Buffer;
  /** 'ephemeral': random, in memory only (loadConfig with keyFile: false and no ENCRYPTION_KEY). */
  readonly encryptionKeySource: EncryptionKeySource | 'ephemeral';
  readonly logLevel: LogLevel;
  readonly reconcileIntervalSeconds: number;
  readonly disableBackgroundServices: boolean;
  readonly enableTradingScheduler: boolean;
  /** Seconds between the order-fill monitor's polls of open orders (the backstop of its streams). */
  readonly orderFillPollSeconds: number;
  /** false: the worker neither streams nor polls order fills (grid strategies then never counter). */
  readonly enableOrderFillMonitor: boolean;
  /** false: the monitor polls only and holds no trade_updates streams (brokers without streaming, benchmarks). */
  readonly orderFillStream: boolean;
  /** Seconds between the position-exit monitor's price checks of positions under strategies with exit rules. */
  readonly positionExitPollSeconds: number;
  /** false: the worker does not watch positions for take-profit, stop-loss and trailing-stop exits. */
  readonly enablePositionExitMonitor: boolean;
  /** false: the position-exit monitor polls only and holds no market-data streams. */
  readonly positionExitStream: boolean;
}
