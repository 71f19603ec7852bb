import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { ExchangeContext } from '../exchange-context';
import type { AccountRecord } from '../store/records';
import { unauthorized } from './api-error';

/**
 * Resolves the calling account from Alpaca's key headers or an OAuth bearer token; anything
 * else is a 401. The reason is never more specific than Alpaca's, and never echoes a secret.
 */
export function authMiddleware(ctx: ExchangeContext) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const account = authenticate(ctx, req);
    if (!account) throw unauthorized();
    res.locals.account = account;
    next();
  };
}

export function accountOf(res: Response): AccountRecord {
  return res.locals.account as AccountRecord;
}

function authenticate(ctx: ExchangeContext, req: Request): AccountRecord | undefined {
  const authorization = req.get('authorization');
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    return match ? accountByToken(ctx, match[1]) : undefined;
  }
  const keyId = req.get('APCA-API-KEY-ID');
  const secret = req.get('APCA-API-SECRET-KEY');
  return keyId && secret ? accountByKeys(ctx, keyId, secret) : undefined;
}

/** The account an API key pair belongs to; undefined for an unknown key or a wrong secret. */
export function accountByKeys(ctx: Pick<ExchangeContext, 'store'>, keyId: string, secret: string): AccountRecord | undefined {
  const account = ctx.store.findAccountByKeyId(keyId);
  return account && sameSecret(account.secretKey, secret) ? account : undefined;
}

/** The account an OAuth access token was issued for. */
export function accountByToken(ctx: Pick<ExchangeContext, 'store'>, token: string): AccountRecord | undefined {
  const record = ctx.store.accessTokens.get(token);
  return record ? ctx.store.accounts.get(record.accountId) : undefined;
}

export function sameSecret(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
