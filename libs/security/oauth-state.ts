import { randomBytes } from 'node:crypto';
import { deriveKey } from './derive-key';
import { signJwt, TokenError, verifyJwt } from './jwt';

export type StatePayload = Record<string, unknown>;

// A key of its own: an OAuth state, which travels through the broker's redirect, can never be
// replayed as an API bearer token (and vice versa).
const PURPOSE = 'autopilot/oauth-state/v1';
const TYPE = 'oauth_state';

/** The OAuth `state` parameter: signed, expiring, and unique per authorization attempt (nonce). */
export function signState(payload: StatePayload, encryptionKey: Buffer, ttlSeconds: number, nowMs = Date.now()): string {
  const claims = { typ: TYPE, nonce: randomBytes(12).toString('base64url'), data: payload };
  return signJwt(claims, deriveKey(encryptionKey, PURPOSE), ttlSeconds, nowMs);
}

/** Returns the payload given to signState; throws TokenError when forged, expired or malformed. */
export function verifyState(state: string, encryptionKey: Buffer, nowMs = Date.now()): StatePayload {
  const claims = verifyJwt(state, deriveKey(encryptionKey, PURPOSE), nowMs);
  const data = claims.data;
  if (claims.typ !== TYPE || typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new TokenError('invalid_claims', 'token is not an OAuth state');
  }
  return data as StatePayload;
}
