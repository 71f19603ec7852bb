import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './app-config';
import { ConfigError } from './config.error';
import { parseEncryptionKey, resolveEncryptionKey } from './encryption-key';

const KEY = randomBytes(32);

describe('parseEncryptionKey', () => {
  it.each([
    ['hex', KEY.toString('hex'), true],
    ['upper-case hex', KEY.toString('hex').toUpperCase(), true],
    ['base64', KEY.toString('base64'), true],
    ['hex with a trailing newline', `${KEY.toString('hex')}\n`, true],
    ['hex one character short', KEY.toString('hex').slice(1), false],
    ['base64 of 31 bytes', randomBytes(31).toString('base64'), false],
    ['base64url', 'A'.repeat(42) + '_-', false],
    ['a passphrase', 'correct horse battery staple', false],
  ])('%s -> valid: %p', (_label, text, valid) => {
    const key = parseEncryptionKey(text);
    expect(key !== undefined).toBe(valid);
    if (valid) expect(key?.equals(KEY)).toBe(true);
  });
});

describe('resolveEncryptionKey', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'autopilot-key-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prefers ENCRYPTION_KEY and writes no file', () => {
    const resolved = resolveEncryptionKey(join(dir, 'data'), KEY.toString('base64'));
    expect(resolved.source).toBe('env');
    expect(resolved.key.equals(KEY)).toBe(true);
    expect(() => statSync(join(dir, 'data'))).toThrow();
  });

  it('generates a private key file on first start and reads the same key afterwards', () => {
    const dataDir = join(dir, 'nested', 'data');
    const first = resolveEncryptionKey(dataDir, undefined);
    expect(first.source).toBe('generated');
    expect(first.path).toBe(join(dataDir, 'encryption.key'));
    expect(statSync(first.path!).mode & 0o777).toBe(0o600);
    const second = resolveEncryptionKey(dataDir, '');
    expect(second.source).toBe('file');
    expect(second.key.equals(first.key)).toBe(true);
    expect(readFileSync(first.path!, 'utf8').trim()).toBe(first.key.toString('hex'));
  });

  it('refuses a corrupt key file instead of replacing it', () => {
    writeFileSync(join(dir, 'encryption.key'), 'not a key');
    expect(() => resolveEncryptionKey(dir, undefined)).toThrow(ConfigError);
    expect(readFileSync(join(dir, 'encryption.key'), 'utf8')).toBe('not a key');
  });

  it('rejects a malformed ENCRYPTION_KEY without echoing it', () => {
    expect(() => resolveEncryptionKey(dir, 'sekrit-value')).toThrow(/ENCRYPTION_KEY must be/);
    expect(() => resolveEncryptionKey(dir, 'sekrit-value')).not.toThrow(/sekrit/);
  });

  it('is what loadConfig uses by default', () => {
    const config = loadConfig({ DATA_DIR: dir });
    expect(config.encryptionKeySource).toBe('generated');
    expect(loadConfig({ DATA_DIR: dir }).encryptionKey.equals(config.encryptionKey)).toBe(true);
  });
});
