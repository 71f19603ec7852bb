import { hkdfSync } from 'node:crypto';

const SALT = 'autopilot';

/**
 * Derives an independent 32-byte key for one purpose from the single configured secret (HKDF-SHA256).
 * Distinct `purpose` strings give unrelated keys, so a token signed for one purpose never verifies
 * for another and the signing keys reveal nothing about the encryption key.
 */
export function deriveKey(masterKey: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, SALT, purpose, 32));
}
