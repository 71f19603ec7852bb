import { loadConfig } from './app-config';
import { redactConfig, redactUrlPassword } from './redact';

describe('redactUrlPassword', () => {
  it.each([
    ['postgres://app:hunter2@db:5432/autopilot', 'postgres://app:***@db:5432/autopilot'],
    ['postgres://app@db/autopilot', 'postgres://app@db/autopilot'],
    ['postgres://app:hunter2@db:bad port/x', 'postgres://app:***@db:bad port/x'],
  ])('%s -> %s', (input, expected) => {
    expect(redactUrlPassword(input)).toBe(expected);
  });
});

describe('redactConfig', () => {
  it('hides the key, the client secret and the database password', () => {
    const key = 'ab'.repeat(32);
    const config = loadConfig(
      { ENCRYPTION_KEY: key, DATABASE_URL: 'postgres://app:hunter2@db/autopilot', ALPACA_OAUTH_CLIENT_SECRET: 'oauth-s3cret' },
      { keyFile: false },
    );
    const logged = JSON.stringify(redactConfig(config));
    expect(logged).not.toContain('hunter2');
    expect(logged).not.toContain('oauth-s3cret');
    expect(logged).not.toContain(key);
    expect(logged).not.toContain(config.encryptionKey.toString('base64'));
    expect(logged).toContain('postgres://app:***@db/autopilot');
    expect(config.alpaca.oauth.clientSecret).toBe('oauth-s3cret');
  });
});
