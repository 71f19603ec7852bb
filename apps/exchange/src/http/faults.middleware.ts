import type { NextFunction, Request, Response } from 'express';
import type { ExchangeContext } from '../exchange-context';
import { internalError, rateLimited } from './api-error';
import { accountOf } from './auth.middleware';

/** Injected latency and random 500s, before authentication (as a failing proxy would). */
export function faultsMiddleware(ctx: ExchangeContext) {
  return async (_req: Request, _res: Response, next: NextFunction): Promise<void> => {
    const { latencyMs, errorRate } = ctx.faults;
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    if (errorRate > 0 && ctx.random() < errorRate) throw internalError();
    next();
  };
}

/** Alpaca's per-account request budget with its X-RateLimit-* headers, when enabled. */
export function rateLimitMiddleware(ctx: ExchangeContext) {
  const windows = new Map<string, { startMs: number; count: number }>();
  return (_req: Request, res: Response, next: NextFunction): void => {
    const limit = ctx.faults.rateLimitPerMinute;
    if (limit === null) return next();
    const accountId = accountOf(res).id;
    const startMs = Math.floor(Date.now() / 60_000) * 60_000;
    const window = windows.get(accountId);
    const current = window && window.startMs === startMs ? window : { startMs, count: 0 };
    current.count += 1;
    windows.set(accountId, current);
    res.set({
      'X-RateLimit-Limit': String(limit),
      'X-RateLimit-Remaining': String(Math.max(0, limit - current.count)),
      'X-RateLimit-Reset': String((startMs + 60_000) / 1000),
    });
    if (current.count > limit) throw rateLimited();
    next();
  };
}
