import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from './config.error';

/** AES-256 needs exactly 32 bytes. */
export const ENCRYPTION_KEY_BYTES = 32;
export const ENCRYPTION_KEY_FILE = 'encryption.key';
export const ENCRYPTION_KEY_FORMAT = '64 hex characters or 44 characters of base64 encoding 32 bytes';

export type EncryptionKeySource = 'env' | 'file' | 'generated';

export interface ResolvedEncryptionKey {
  key: Buffer;
  source: EncryptionKeySource;
  /** The key file read or written; absent when the key came from ENCRYPTION_KEY. */
  path?: string;
}

/** Parses a key in either accepted text form; undefined when the text is neither. */
export function parseEncryptionKey(text: string): Buffer | undefined {
  const value = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  if (/^[A-Za-z0-9+/]{43}=$/.test(value)) {
    const key = Buffer.from(value, 'base64');
    return key.length === ENCRYPTION_KEY_BYTES ? key : undefined;
  }
  return undefined;
}

/**
 * The one place configuration touches the file system. ENCRYPTION_KEY wins; otherwise the key lives
 * in $DATA_DIR/encryption.key, generated on first start. Losing that file makes every stored broker
 * credential unreadable, so an unreadable or malformed file is an error, never silently replaced.
 */
export function resolveEncryptionKey(dataDir: string, envValue: string | undefined): ResolvedEncryptionKey {
  if (envValue !== undefined && envValue.trim() !== '') {
    const key = parseEncryptionKey(envValue);
    if (!key) throw new ConfigError([`ENCRYPTION_KEY must be ${ENCRYPTION_KEY_FORMAT} (value hidden)`]);
    return { key, source: 'env' };
  }
  const path = join(dataDir, ENCRYPTION_KEY_FILE);
  const existing = readKeyFile(path);
  if (existing) return { key: existing, source: 'file', path };
  return createKeyFile(dataDir, path);
}

function readKeyFile(path: string): Buffer | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigError([`cannot read the encryption key file ${path}: ${(error as Error).message}`]);
  }
  const key = parseEncryptionKey(text);
  if (!key) {
    throw new ConfigError([
      `the encryption key file ${path} must contain ${ENCRYPTION_KEY_FORMAT}; restore it from a backup (stored credentials need the original key)`,
    ]);
  }
  return key;
}

/**
 * The API and the worker may start at the same moment on a fresh DATA_DIR: write the key to a
 * private temporary file, then link it into place. link() fails if another process won the race,
 * and then we use its key, so both processes always agree on one key.
 */
function createKeyFile(dataDir: string, path: string): ResolvedEncryptionKey {
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(ENCRYPTION_KEY_BYTES);
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const winner = readKeyFile(path);
    if (!winner) throw new ConfigError([`the encryption key file ${path} vanished while starting`]);
    return { key: winner, source: 'file', path };
  } finally {
    unlinkSync(temporary);
  }
  return { key, source: 'generated', path };
}
