import { Router } from 'express';
import type { ExchangeContext } from '../exchange-context';

export function clockRoutes(ctx: ExchangeContext): Router {
  const router = Router();

  router.get('/v2/clock', (_req, res) => {
    res.json(ctx.clock.snapshot());
  });

  return router;
}
