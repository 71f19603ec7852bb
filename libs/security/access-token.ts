import { deriveKey } from './derive-key';
import { signJwt, TokenError, verifyJwt } from './jwt';

export type AccessTokenRole = 'user' | 'admin';

export interface AccessTokenClaims {
  userId: string;
  role: AccessTokenRole;
}

export interface VerifiedAccessToken extends AccessTokenClaims {
  issuedAt: Date;
  expiresAt: Date;
}

const PURPOSE = 'autopilot/access-token/v1';
const TYPE = 'access';
const ROLES: readonly string[] = ['user', 'admin'];

/** The API's bearer token. `encryptionKey` is the configured key; the signing key is derived from it. */
export function signAccessToken(claims: AccessTokenClaims, encryptionKey: Buffer, ttlSeconds: number, nowMs = Date.now()): string {
  return signJwt({ sub: claims.userId, role: claims.role, typ: TYPE }, deriveKey(encryptionKey, PURPOSE), ttlSeconds, nowMs);
}

/** Throws TokenError for a forged, expired, malformed or non-access token. */
export function verifyAccessToken(token: string, encryptionKey: Buffer, nowMs = Date.now()): VerifiedAccessToken {
  const claims = verifyJwt(token, deriveKey(encryptionKey, PURPOSE), nowMs);
  if (claims.typ !== TYPE || typeof claims.sub !== 'string' || claims.sub === '' || !ROLES.includes(claims.role as string)) {
    throw new TokenError('invalid_claims', 'token is not an access token');
  }
  return {
    userId: claims.sub,
    role: claims.role as AccessTokenRole,
    issuedAt: new Date(claims.iat * 1000),
    expiresAt: new Date(claims.exp * 1000),
  };
}
