import { randomBytes } from 'node:crypto';
import { signAccessToken } from './access-token';
import { TokenError } from './jwt';
import { signState, verifyState } from './oauth-state';

const KEY = randomBytes(32);
const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);
const payload = { userId: 'u-1', environment: 'paper', returnTo: '/strategies' };

function reasonOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof TokenError) return error.reason;
    throw error;
  }
  return 'accepted';
}

describe('OAuth state', () => {
  const state = signState(payload, KEY, 600, NOW);

  it('round-trips the payload', () => {
    expect(verifyState(state, KEY, NOW + 599_000)).toEqual(payload);
  });

  it('is unique per authorization attempt', () => {
    expect(signState(payload, KEY, 600, NOW)).not.toBe(state);
  });

  it('is URL-safe', () => {
    expect(state).toMatch(/^[A-Za-z0-9_.-]+$/);
  });

  it.each([
    ['expired', () => verifyState(state, KEY, NOW + 600_000), 'expired'],
    ['another key', () => verifyState(state, randomBytes(32), NOW), 'bad_signature'],
    ['an access token', () => verifyState(signAccessToken({ userId: 'u-1', role: 'user' }, KEY, 600, NOW), KEY, NOW), 'bad_signature'],
    ['tampered', () => verifyState(state.replace(/\.[^.]+\./, (m) => `.${m.slice(2)}`), KEY, NOW), 'bad_signature'],
    ['garbage', () => verifyState('abc', KEY, NOW), 'malformed'],
  ])('rejects %s -> %s', (_label, run, expected) => {
    expect(reasonOf(run)).toBe(expected);
  });
});
