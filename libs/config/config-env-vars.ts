/** Every environment variable loadConfig reads (docker-compose's environment is checked against it). */
export const CONFIG_ENV_VARS = [
  'API_PORT',
  'API_HOST',
  'API_PUBLIC_URL',
  'EXCHANGE_PORT',
  'TEMPORAL_ADDRESS',
  'TEMPORAL_PORT',
  'TEMPORAL_UI_PORT',
  'TEMPORAL_NAMESPACE',
  'TEMPORAL_TASK_QUEUE',
  'DATA_DIR',
  'DATABASE_URL',
  'ALPACA_TRADING_URL',
  'ALPACA_DATA_URL',
  'ALPACA_STREAM_URL',
  'ALPACA_OAUTH_AUTHORIZE_URL',
  'ALPACA_OAUTH_TOKEN_URL',
  'ALPACA_OAUTH_CLIENT_ID',
  'ALPACA_OAUTH_CLIENT_SECRET',
  'ALPACA_RATE_LIMIT',
  'ENCRYPTION_KEY',
  'LOG_LEVEL',
  'RECONCILE_INTERVAL_SECONDS',
  'DISABLE_BACKGROUND_SERVICES',
  'ENABLE_TRADING_SCHEDULER',
  'ORDER_FILL_POLL_SECONDS',
  'ENABLE_ORDER_FILL_MONITOR',
  'ORDER_FILL_STREAM',
] as const;

export type ConfigEnvVar = (typeof CONFIG_ENV_VARS)[number];

/** Variables whose values must never be printed, even when they are invalid. */
export const SECRET_ENV_VARS: readonly ConfigEnvVar[] = ['ENCRYPTION_KEY', 'ALPACA_OAUTH_CLIENT_SECRET'];
