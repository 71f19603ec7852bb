import { redactUrlPassword, type AppConfig } from '../../libs/config';
import { dialHost } from './local-exchange';

export interface RunningStack {
  config: AppConfig;
  temporalAddress: string;
  /** Undefined when TEMPORAL_ADDRESS points at a server we did not start. */
  temporalUiUrl: string | undefined;
  /** Undefined when the broker URLs point elsewhere (real Alpaca). */
  exchangeUrl: string | undefined;
}

/** The block printed once everything is ready: where each part listens and what to do next. */
export function formatSummary(stack: RunningStack): string {
  const { config } = stack;
  const api = `http://${dialHost(config.api.host)}:${config.api.port}`;
  const database =
    config.database.kind === 'postgres'
      ? `PostgreSQL ${redactUrlPassword(config.database.databaseUrl)}`
      : `SQLite ${config.database.sqlitePath}`;
  const rows: Array<[string, string]> = [
    ['API', `${api}  (health: ${api}/health)`],
    ['Temporal gRPC', `${stack.temporalAddress}  (namespace ${config.temporal.namespace})`],
    ['Temporal Web UI', stack.temporalUiUrl ?? 'served by your Temporal deployment (TEMPORAL_ADDRESS is set)'],
    stack.exchangeUrl !== undefined
      ? ['Paper exchange', `${stack.exchangeUrl}  (Alpaca-compatible, offline)`]
      : ['Broker', `${config.alpaca.tradingUrl}  (ALPACA_TRADING_URL)`],
    ['Database', database],
    ['Data directory', config.dataDir],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const json = (value: unknown): string => `'${JSON.stringify(value)}'`;
  const jsonHeader = "-H 'Content-Type: application/json'";
  const lines = [
    '',
    'Autopilot is running',
    ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`),
    '',
    'Next steps:',
    '  1. Register and keep the token:',
    `     TOKEN=$(curl -s ${api}/api/auth/register ${jsonHeader} \\`,
    `       -d ${json({ email: 'you@example.com', password: 'choose-a-long-password' })} | sed -E 's/.*"access_token":"([^"]+)".*/\\1/')`,
  ];
  const connect = `curl -s ${api}/api/accounts/alpaca -H "Authorization: Bearer $TOKEN" ${jsonHeader}`;
  if (stack.exchangeUrl !== undefined) {
    // The exchange's admin route answers {key_id, secret_key, account_id}; the API wants
    // {environment, key_id, secret_key} and rejects unknown fields.
    lines.push(
      '  2. Create a paper account on the exchange and connect it:',
      `     curl -s ${stack.exchangeUrl}/admin/accounts ${jsonHeader} -d ${json({ cash: 100000 })} \\`,
      `       | sed -E 's/^\\{/{"environment":"paper",/; s/,?"account_id":"[^"]*"//' | ${connect} -d @-`,
    );
  } else {
    lines.push(
      '  2. Connect your Alpaca paper account:',
      `     ${connect} \\`,
      `       -d ${json({ environment: 'paper', key_id: '<key_id>', secret_key: '<secret_key>' })}`,
    );
  }
  lines.push(
    '  3. Create a strategy; it runs at once and then every 2 seconds:',
    `     curl -s ${api}/api/strategies -H "Authorization: Bearer $TOKEN" ${jsonHeader} \\`,
    `       -d ${json({ name: 'AAPL breakout', type: 'momentum_breakout', auto_start: true, is_active: true, configuration: { symbol: 'AAPL', allocated_capital: 1000, interval_seconds: 2 } })}`,
    `  4. Watch it: ${api}/api/strategies/scheduler/status (with the token) and the Temporal Web UI.`,
    '',
    'Press Ctrl-C to stop everything.',
    '',
  );
  return lines.join('\n');
}
