import express from 'express';
import type { ExchangeContext } from './exchange-context';
import { authMiddleware } from './http/auth.middleware';
import { errorMiddleware, notFoundMiddleware } from './http/error.middleware';
import { faultsMiddleware, rateLimitMiddleware } from './http/faults.middleware';
import { accountRoutes } from './routes/account.routes';
import { adminQuotesRoutes } from './routes/admin-quotes.routes';
import { adminRoutes } from './routes/admin.routes';
import { assetsRoutes } from './routes/assets.routes';
import { clockRoutes } from './routes/clock.routes';
import { cryptoDataRoutes } from './routes/crypto-data.routes';
import { newsRoutes } from './routes/news.routes';
import { oauthRoutes } from './routes/oauth.routes';
import { ordersRoutes } from './routes/orders.routes';
import { positionsRoutes } from './routes/positions.routes';
import { stockDataRoutes } from './routes/stock-data.routes';

/** The paper exchange's HTTP surface: Alpaca's trading and data APIs, OAuth, and admin routes. */
export function createExchangeApp(ctx: ExchangeContext): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '1mb' }));
  app.use(express.urlencoded({ extended: false }));

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use(adminRoutes(ctx));
  app.use(adminQuotesRoutes(ctx));
  app.use(oauthRoutes(ctx));

  // The trading API and stock data (/v2): faults, then auth, then the account's rate limit, then
  // a matching pass so every answer reflects the fills due by now. Crypto data (/v1beta3) is
  // public on Alpaca (the SDK sends no keys for it): faults only.
  app.use('/v2', faultsMiddleware(ctx), authMiddleware(ctx), rateLimitMiddleware(ctx), (_req, _res, next) => {
    ctx.engine.run();
    next();
  });
  app.use('/v1beta3', faultsMiddleware(ctx));
  // News (/v1beta1) needs keys on Alpaca, and the SDK sends them.
  app.use('/v1beta1', faultsMiddleware(ctx), authMiddleware(ctx), rateLimitMiddleware(ctx));
  app.use(accountRoutes(ctx));
  app.use(clockRoutes(ctx));
  app.use(assetsRoutes());
  app.use(ordersRoutes(ctx));
  app.use(positionsRoutes(ctx));
  app.use(stockDataRoutes(ctx));
  app.use(cryptoDataRoutes(ctx));
  app.use(newsRoutes(ctx));

  app.use(notFoundMiddleware);
  app.use(errorMiddleware);
  return app;
}
