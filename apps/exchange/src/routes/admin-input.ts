import type { Request } from 'express';
import { badRequest, notFound } from '../http/api-error';
import { findAsset, type Asset } from '../market/asset-catalog';

// Body readers shared by the admin routes: JSON numbers may come as strings, unknown symbols are 404s.

export function bodyOf(req: Request): Record<string, unknown> {
  return (req.body ?? {}) as Record<string, unknown>;
}

/** A number, or a non-blank string holding one; anything else is returned as is. */
export function numeric(value: unknown): unknown {
  return typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
}

export function finite(value: unknown, field: string, min: number, max = Number.MAX_VALUE): number {
  const parsed = numeric(value);
  if (typeof parsed !== 'number' || !Number.isFinite(parsed) || parsed < min || parsed > max) {
    throw badRequest(`invalid ${field}`);
  }
  return parsed;
}

export function assetOf(symbol: unknown): Asset {
  const asset = typeof symbol === 'string' ? findAsset(symbol) : undefined;
  if (!asset) throw notFound(`asset not found for ${String(symbol)}`);
  return asset;
}
