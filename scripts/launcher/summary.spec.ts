import { loadConfig } from '../../libs/config';
import { formatSummary } from './summary';

const config = (env: NodeJS.ProcessEnv) => loadConfig({ DATA_DIR: '/srv/data', ...env }, { keyFile: false });

describe('formatSummary', () => {
  it('lists every part of the local stack and the next steps', () => {
    const text = formatSummary({
      config: config({}),
      temporalAddress: '127.0.0.1:7233',
      temporalUiUrl: 'http://127.0.0.1:8233',
      exchangeUrl: 'http://127.0.0.1:4010',
    });
    expect(text).toMatch(/API\s+http:\/\/127\.0\.0\.1:3000/);
    expect(text).toMatch(/Temporal gRPC\s+127\.0\.0\.1:7233 {2}\(namespace default\)/);
    expect(text).toMatch(/Temporal Web UI\s+http:\/\/127\.0\.0\.1:8233/);
    expect(text).toMatch(/Paper exchange\s+http:\/\/127\.0\.0\.1:4010/);
    expect(text).toMatch(/Database\s+SQLite \/srv\/data\/autopilot\.db/);
    expect(text).toMatch(/Data directory\s+\/srv\/data/);
    expect(text).toContain('curl -s http://127.0.0.1:3000/api/auth/register');
    expect(text).toContain('curl -s http://127.0.0.1:4010/admin/accounts');
    expect(text).toContain('"type":"momentum_breakout"');
  });

  it('shows a PostgreSQL URL without its password, the real broker, and an external Temporal', () => {
    const text = formatSummary({
      config: config({
        DATABASE_URL: 'postgres://autopilot:s3cret-pw@db:5432/autopilot',
        API_HOST: '0.0.0.0',
        ALPACA_TRADING_URL: 'https://paper-api.alpaca.markets',
        TEMPORAL_ADDRESS: 'temporal:7233',
      }),
      temporalAddress: 'temporal:7233',
      temporalUiUrl: undefined,
      exchangeUrl: undefined,
    });
    expect(text).not.toContain('s3cret-pw');
    expect(text).toMatch(/Database\s+PostgreSQL postgres:\/\/autopilot:\*\*\*@db:5432\/autopilot/);
    expect(text).toMatch(/API\s+http:\/\/127\.0\.0\.1:3000/);
    expect(text).toMatch(/Broker\s+https:\/\/paper-api\.alpaca\.markets/);
    expect(text).toMatch(/Temporal Web UI\s+served by your Temporal deployment/);
    expect(text).not.toContain('/admin/accounts');
  });
});
