import { randomBytes, randomInt } from 'node:crypto';

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomText(alphabet: string, length: number): string {
  let result = '';
  for (let i = 0; i < length; i++) result += alphabet[randomInt(alphabet.length)];
  return result;
}

/** Shaped like Alpaca's paper keys: "PK" + 18 characters, and a 40-character secret. */
export const newKeyId = (): string => `PK${randomText(UPPER_ALNUM, 18)}`;
export const newSecretKey = (): string => randomText(ALNUM, 40);
export const newAccountNumber = (): string => `PA${randomText('0123456789', 10)}`;
/** OAuth codes and access tokens: 256 bits, URL-safe. */
export const newOpaqueToken = (): string => randomBytes(32).toString('base64url');
