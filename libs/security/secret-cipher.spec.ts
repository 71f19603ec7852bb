import { randomBytes } from 'node:crypto';
import { decryptSecret, DecryptionError, encryptSecret } from './secret-cipher';

const KEY = randomBytes(32);
const OTHER_KEY = randomBytes(32);

function replacePart(ciphertext: string, index: number, change: (part: Buffer) => Buffer): string {
  const parts = ciphertext.split(':');
  parts[index] = change(Buffer.from(parts[index], 'base64')).toString('base64');
  return parts.join(':');
}

function flipFirstBit(part: Buffer): Buffer {
  const copy = Buffer.from(part);
  copy[0] ^= 1;
  return copy;
}

describe('encryptSecret / decryptSecret', () => {
  it.each([['PKTEST1234567890'], [''], ['sëcret with ünïcode ✓'], ['x'.repeat(10_000)]])('round-trips %p', (plaintext) => {
    const ciphertext = encryptSecret(plaintext, KEY);
    expect(ciphertext).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]*$/);
    expect(decryptSecret(ciphertext, KEY)).toBe(plaintext);
  });

  it('uses a fresh IV each time, so equal secrets give different ciphertexts', () => {
    expect(encryptSecret('same', KEY)).not.toBe(encryptSecret('same', KEY));
  });

  it('never contains the plaintext', () => {
    const secret = 'my-broker-secret-key';
    const ciphertext = encryptSecret(secret, KEY);
    expect(ciphertext).not.toContain(secret);
    expect(ciphertext).not.toContain(Buffer.from(secret).toString('base64'));
  });

  const valid = encryptSecret('PKTEST1234567890', KEY);
  it.each([
    ['a wrong key', valid, OTHER_KEY],
    ['a modified ciphertext', replacePart(valid, 3, flipFirstBit), KEY],
    ['a modified tag', replacePart(valid, 2, flipFirstBit), KEY],
    ['a modified IV', replacePart(valid, 1, flipFirstBit), KEY],
    ['a truncated tag', replacePart(valid, 2, (part) => part.subarray(0, 12)), KEY],
    ['an unknown version', valid.replace(/^v1:/, 'v2:'), KEY],
    ['a missing part', valid.split(':').slice(0, 3).join(':'), KEY],
    ['non-base64 junk', 'v1:!!!!:????:....', KEY],
    ['plaintext stored by mistake', 'PKTEST1234567890', KEY],
  ])('rejects %s', (_label, ciphertext, key) => {
    expect(() => decryptSecret(ciphertext, key)).toThrow(DecryptionError);
  });

  it('refuses keys that are not 32 bytes', () => {
    expect(() => encryptSecret('x', randomBytes(16))).toThrow(RangeError);
    expect(() => decryptSecret(valid, randomBytes(31))).toThrow(RangeError);
  });
});
