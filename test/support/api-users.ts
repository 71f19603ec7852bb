import { randomBytes } from 'node:crypto';
import type { ApiTestStack } from './api-test-stack';

export interface RegisteredUser {
  userId: string;
  email: string;
  password: string;
  token: string;
  /** Value of the Authorization header. */
  auth: string;
}

/** Registers a fresh user through the API and returns their bearer token. */
export async function registerUser(stack: ApiTestStack, email = `user-${randomBytes(4).toString('hex')}@example.com`): Promise<RegisteredUser> {
  const password = `pw-${randomBytes(8).toString('hex')}`;
  const res = await stack.http().post('/api/auth/register').send({ email, password }).expect(201);
  return { userId: res.body.user_id, email, password, token: res.body.access_token, auth: `Bearer ${res.body.access_token}` };
}

/** A funded paper account at the exchange (test admin route). */
export async function createPaperAccount(stack: ApiTestStack, cash = 100_000): Promise<{ key_id: string; secret_key: string }> {
  const res = await fetch(`${stack.exchange.url}/admin/accounts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ cash }),
  });
  if (!res.ok) throw new Error(`POST /admin/accounts answered ${res.status}`);
  const { key_id, secret_key } = (await res.json()) as { key_id: string; secret_key: string };
  return { key_id, secret_key };
}
