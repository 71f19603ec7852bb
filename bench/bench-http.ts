import type { BenchStack } from './bench-stack';

export async function until(probe: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

export async function register(stack: BenchStack): Promise<string> {
  const body = await call(stack, '', 'POST', '/api/auth/register', { email: `bench-${Date.now()}@example.com`, password: 'bench-password' });
  return body.access_token;
}

export async function connectPaperAccount(stack: BenchStack, token: string): Promise<void> {
  const res = await fetch(`${stack.exchange.url}/admin/accounts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"cash": 10000000}' });
  const keys = (await res.json()) as { key_id: string; secret_key: string };
  await call(stack, token, 'POST', '/api/accounts/alpaca', { environment: 'paper', key_id: keys.key_id, secret_key: keys.secret_key });
}

// Answers are JSON of several shapes; the benchmark reads a few fields of each.
export async function call(stack: BenchStack, token: string, method: string, route: string, body?: unknown): Promise<any> {
  const res = await fetch(`${stack.apiUrl}${route}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${route} answered ${res.status}: ${await res.text()}`);
  return res.status === 204 ? undefined : res.json();
}

