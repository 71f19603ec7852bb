import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
// 96-bit IVs are GCM's native size; random ones are safe for far more secrets than we will store.
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/** Thrown for any ciphertext that cannot be authenticated; says nothing about the key or plaintext. */
export class DecryptionError extends Error {
  override readonly name = 'DecryptionError';
}

/** Encrypts a secret (broker key, token) for storage: `v1:<iv>:<tag>:<ciphertext>`, base64 parts. */
export function encryptSecret(plaintext: string, key: Buffer): string {
  assertKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), ciphertext.toString('base64')].join(':');
}

/** Reverses encryptSecret; a wrong key, a modified part or an unknown format throws DecryptionError. */
export function decryptSecret(ciphertext: string, key: Buffer): string {
  assertKey(key);
  const parts = ciphertext.split(':');
  if (parts.length !== 4 || parts[0] !== VERSION) throw new DecryptionError('unsupported secret format');
  const [iv, tag, data] = parts.slice(1).map(decodeBase64);
  if (!iv || !tag || !data || iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new DecryptionError('malformed encrypted secret');
  }
  try {
    const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
  } catch {
    throw new DecryptionError('encrypted secret failed authentication (wrong key or tampered data)');
  }
}

function assertKey(key: Buffer): void {
  if (key.length !== KEY_BYTES) throw new RangeError(`encryption key must be ${KEY_BYTES} bytes, got ${key.length}`);
}

// Buffer.from(..., 'base64') silently skips junk characters, so validate strictly first.
function decodeBase64(text: string): Buffer | undefined {
  return /^[A-Za-z0-9+/]*={0,2}$/.test(text) && text.length % 4 === 0 ? Buffer.from(text, 'base64') : undefined;
}
