import { createHmac, timingSafeEqual } from 'node:crypto';

export type TokenErrorReason = 'malformed' | 'bad_signature' | 'expired' | 'invalid_claims';

/** Any token that must not be trusted; `reason` lets callers log why without logging the token. */
export class TokenError extends Error {
  override readonly name = 'TokenError';

  constructor(readonly reason: TokenErrorReason, message: string) {
    super(message);
  }
}

export interface JwtClaims {
  /** Seconds since the epoch, as RFC 7519 says. */
  iat: number;
  exp: number;
  [claim: string]: unknown;
}

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
// Tolerate a token issued by a host whose clock runs slightly ahead of ours.
const CLOCK_SKEW_SECONDS = 60;

/** A compact HS256 JWT; `iat`/`exp` are set here, `nowMs` is injectable for tests. */
export function signJwt(claims: Record<string, unknown>, key: Buffer, ttlSeconds: number, nowMs = Date.now()): string {
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) throw new RangeError(`ttlSeconds must be a positive integer, got ${ttlSeconds}`);
  const iat = Math.floor(nowMs / 1000);
  const payload = base64url(JSON.stringify({ ...claims, iat, exp: iat + ttlSeconds }));
  return `${HEADER}.${payload}.${sign(`${HEADER}.${payload}`, key)}`;
}

/** Checks structure, algorithm, signature (constant time) and expiry, then returns the claims. */
export function verifyJwt(token: string, key: Buffer, nowMs = Date.now()): JwtClaims {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]+$/.test(part))) {
    throw new TokenError('malformed', 'token is not a compact JWT');
  }
  const [header, payload, signature] = parts;
  if (parseJson(header)?.alg !== 'HS256') throw new TokenError('malformed', 'token algorithm must be HS256');
  const expected = Buffer.from(sign(`${header}.${payload}`, key), 'base64url');
  const actual = Buffer.from(signature, 'base64url');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    throw new TokenError('bad_signature', 'token signature is invalid');
  }
  const claims = parseJson(payload);
  if (!claims || !Number.isInteger(claims.iat) || !Number.isInteger(claims.exp)) {
    throw new TokenError('malformed', 'token lacks iat/exp');
  }
  const now = Math.floor(nowMs / 1000);
  if ((claims.exp as number) <= now) throw new TokenError('expired', 'token has expired');
  if ((claims.iat as number) > now + CLOCK_SKEW_SECONDS) throw new TokenError('invalid_claims', 'token was issued in the future');
  return claims as JwtClaims;
}

function sign(input: string, key: Buffer): string {
  return createHmac('sha256', key).update(input).digest('base64url');
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

function parseJson(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
