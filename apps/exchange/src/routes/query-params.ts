import type { Request } from 'express';
import { badRequest, unprocessable } from '../http/api-error';

export function queryText(req: Request, name: string): string | undefined {
  const value = req.query[name];
  if (Array.isArray(value)) return value.map(String).join(',');
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Integer in [min, max]; `fallback` when absent; 422 (trading) or 400 (data) when invalid. */
export function queryInt(req: Request, name: string, fallback: number, min: number, max: number, data = false): number {
  const raw = queryText(req, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    const message = `invalid ${name}: must be an integer between ${min} and ${max}`;
    throw data ? badRequest(message) : unprocessable(message);
  }
  return value;
}

/** RFC 3339 or YYYY-MM-DD, as epoch ms. */
export function queryTime(req: Request, name: string, data = false): number | undefined {
  const raw = queryText(req, name);
  if (raw === undefined) return undefined;
  const value = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T00:00:00Z` : raw);
  if (Number.isNaN(value)) {
    const message = `invalid ${name}: ${raw}`;
    throw data ? badRequest(message) : unprocessable(message);
  }
  return value;
}

export function querySymbols(req: Request, name = 'symbols'): string[] {
  return (queryText(req, name) ?? '')
    .split(',')
    .map((symbol) => symbol.trim())
    .filter((symbol) => symbol.length > 0);
}
