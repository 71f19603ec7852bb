import { hashPassword, verifyPassword } from './password-hasher';

describe('hashPassword / verifyPassword', () => {
  let hash: string;
  beforeAll(async () => {
    hash = await hashPassword('correct horse battery staple');
  });

  it('produces a self-describing scrypt hash with a random salt', async () => {
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(hash).not.toContain('correct horse');
    expect(await hashPassword('correct horse battery staple')).not.toBe(hash);
  });

  it.each([
    ['the right password', 'correct horse battery staple', true],
    ['a wrong password', 'correct horse battery stapler', false],
    ['a different case', 'Correct horse battery staple', false],
    ['the empty string', '', false],
  ])('verifies %s -> %p', async (_label, password, expected) => {
    expect(await verifyPassword(password, hash)).toBe(expected);
  });

  it('treats visually identical unicode forms as the same password', async () => {
    const composed = await hashPassword('caf\u00e9');
    expect(await verifyPassword('cafe\u0301', composed)).toBe(true);
  });

  const parts = () => hash.split('$');
  it.each([
    ['another scheme', () => ['bcrypt', ...parts().slice(1)].join('$')],
    ['a modified hash', () => [...parts().slice(0, 5), Buffer.alloc(32).toString('base64')].join('$')],
    ['a modified salt', () => [...parts().slice(0, 4), Buffer.alloc(16).toString('base64'), parts()[5]].join('$')],
    ['an absurd cost (DoS guard)', () => ['scrypt', 2 ** 24, 8, 1, ...parts().slice(4)].join('$')],
    ['N not a power of two', () => ['scrypt', 30000, 8, 1, ...parts().slice(4)].join('$')],
    ['a truncated string', () => parts().slice(0, 4).join('$')],
    ['garbage', () => 'not-a-hash'],
  ])('rejects %s', async (_label, makeStored) => {
    expect(await verifyPassword('correct horse battery staple', makeStored())).toBe(false);
  });
});
