/** Why a request carries no usable bearer token; each maps to a 401 message. */
export type BearerTokenProblem = 'missing' | 'malformed';

/** Extracts the token of `Authorization: Bearer <token>` (scheme case-insensitive, per RFC 7235). */
export function parseBearerToken(header: string | string[] | undefined): { token: string } | { problem: BearerTokenProblem } {
  if (header === undefined || header === '') return { problem: 'missing' };
  if (Array.isArray(header)) return { problem: 'malformed' };
  const match = /^Bearer[ ]+([^\s]+)[ ]*$/i.exec(header);
  return match ? { token: match[1] } : { problem: 'malformed' };
}
