// Helpers for tests that drive a running paper exchange through its admin routes.

export interface PaperAccount {
  key_id: string;
  secret_key: string;
  account_id: string;
}

export async function adminRequest<T = unknown>(baseUrl: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: body === undefined ? undefined : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const payload = (await response.json()) as T;
  if (!response.ok) throw new Error(`${method} ${path} -> ${response.status} ${JSON.stringify(payload)}`);
  return payload;
}

export const createPaperAccount = (baseUrl: string, cash = 100_000): Promise<PaperAccount> =>
  adminRequest<PaperAccount>(baseUrl, 'POST', '/admin/accounts', { cash });

export const setPrice = (baseUrl: string, symbol: string, price: number) =>
  adminRequest(baseUrl, 'POST', '/admin/prices', { symbol, price });

export const setBars = (baseUrl: string, symbol: string, timeframe: string, bars: Array<{ o: number; h: number; l: number; c: number; v: number }>) =>
  adminRequest(baseUrl, 'POST', '/admin/bars', { symbol, timeframe, bars });

export const setMarketOpen = (baseUrl: string, isOpen: boolean | null) =>
  adminRequest(baseUrl, 'POST', '/admin/clock', { is_open: isOpen });

export const setFaults = (baseUrl: string, faults: { error_rate?: number; latency_ms?: number; rate_limit_per_minute?: number | null }) =>
  adminRequest(baseUrl, 'POST', '/admin/faults', faults);
