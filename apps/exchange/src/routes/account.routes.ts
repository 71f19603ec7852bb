import { Router } from 'express';
import type { ExchangeContext } from '../exchange-context';
import { accountOf } from '../http/auth.middleware';
import { toAccountJson } from '../trading/account-json';

export function accountRoutes(ctx: ExchangeContext): Router {
  const router = Router();

  router.get('/v2/account', (_req, res) => {
    res.json(toAccountJson(accountOf(res), ctx.ledger));
  });

  return router;
}
