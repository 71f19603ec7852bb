import { randomBytes } from 'node:crypto';
import { signAccessToken, verifyAccessToken } from './access-token';
import { deriveKey } from './derive-key';
import { signJwt, TokenError } from './jwt';
import { signState } from './oauth-state';

const KEY = randomBytes(32);
const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);
const claims = { userId: '7b0c3f7e-62a5-4c1e-9a55-0d5b1e7a2f10', role: 'user' as const };

function reasonOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof TokenError) return error.reason;
    throw error;
  }
  return 'accepted';
}

function tamperPayload(token: string, change: (payload: Record<string, unknown>) => void): string {
  const [header, payload, signature] = token.split('.');
  const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  change(decoded);
  return [header, Buffer.from(JSON.stringify(decoded)).toString('base64url'), signature].join('.');
}

describe('access tokens', () => {
  const token = signAccessToken(claims, KEY, 3600, NOW);

  it('round-trips user id, role and lifetime', () => {
    expect(verifyAccessToken(token, KEY, NOW + 1000)).toEqual({
      ...claims,
      issuedAt: new Date(NOW),
      expiresAt: new Date(NOW + 3600_000),
    });
  });

  it('is a standard compact HS256 JWT with sub/iat/exp', () => {
    const [header, payload] = token.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')));
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(payload).toMatchObject({ sub: claims.userId, role: 'user', iat: NOW / 1000, exp: NOW / 1000 + 3600 });
  });

  it.each([
    ['valid just before expiry', () => verifyAccessToken(token, KEY, NOW + 3599_000), 'accepted'],
    ['expired at exp', () => verifyAccessToken(token, KEY, NOW + 3600_000), 'expired'],
    ['expired long ago', () => verifyAccessToken(token, KEY, NOW + 86400_000), 'expired'],
    ['issued in the future', () => verifyAccessToken(token, KEY, NOW - 3600_000), 'invalid_claims'],
    ['another key', () => verifyAccessToken(token, randomBytes(32), NOW), 'bad_signature'],
    ['escalated role', () => verifyAccessToken(tamperPayload(token, (p) => (p.role = 'admin')), KEY, NOW), 'bad_signature'],
    ['another user', () => verifyAccessToken(tamperPayload(token, (p) => (p.sub = 'someone-else')), KEY, NOW), 'bad_signature'],
    ['extended expiry', () => verifyAccessToken(tamperPayload(token, (p) => (p.exp = 9e9)), KEY, NOW), 'bad_signature'],
    ['truncated signature', () => verifyAccessToken(token.slice(0, -4), KEY, NOW), 'bad_signature'],
    ['no signature', () => verifyAccessToken(token.split('.').slice(0, 2).join('.') + '.', KEY, NOW), 'malformed'],
    ['two parts', () => verifyAccessToken(token.split('.').slice(0, 2).join('.'), KEY, NOW), 'malformed'],
    ['garbage', () => verifyAccessToken('not a token', KEY, NOW), 'malformed'],
    ['alg none', () => verifyAccessToken(algNone(token), KEY, NOW), 'malformed'],
    ['an OAuth state', () => verifyAccessToken(signState({ userId: claims.userId }, KEY, 600, NOW), KEY, NOW), 'bad_signature'],
    [
      'a validly signed token without role',
      () => verifyAccessToken(signJwt({ sub: 'u', typ: 'access' }, deriveKey(KEY, 'autopilot/access-token/v1'), 60, NOW), KEY, NOW),
      'invalid_claims',
    ],
  ])('%s -> %s', (_label, run, expected) => {
    expect(reasonOf(run)).toBe(expected);
  });

  it('signs with a key derived from, not equal to, the encryption key', () => {
    const withRawKey = signJwt({ sub: claims.userId, role: 'user', typ: 'access' }, KEY, 3600, NOW);
    expect(reasonOf(() => verifyAccessToken(withRawKey, KEY, NOW))).toBe('bad_signature');
  });

  it.each([[0], [-5], [1.5]])('refuses ttl %p', (ttl) => {
    expect(() => signAccessToken(claims, KEY, ttl, NOW)).toThrow(RangeError);
  });
});

function algNone(token: string): string {
  const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
  return [header, token.split('.')[1], token.split('.')[2]].join('.');
}
