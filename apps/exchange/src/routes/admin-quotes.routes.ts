import { Router, type Request } from 'express';
import type { ExchangeContext } from '../exchange-context';
import { badRequest } from '../http/api-error';
import type { Asset } from '../market/asset-catalog';
import { DEFAULT_SPREAD_BPS, MAX_SPREAD_BPS } from '../market/price-book';
import { assetOf, bodyOf, numeric } from './admin-input';
import { queryText } from './query-params';

/**
 * Per-symbol quoted spreads (test and operator routes, no authentication like the other admin
 * routes). The spread shows in the latest quotes only: orders still fill at the trade price.
 */
export function adminQuotesRoutes(ctx: ExchangeContext): Router {
  const router = Router();
  const quoteJson = (asset: Asset) => {
    const { bid, ask, price } = ctx.prices.quote(asset);
    const configured = ctx.store.quoteSpreads.get(asset.symbol);
    return { symbol: asset.symbol, spread_bps: ctx.prices.spreadBps(asset), default: !configured, price, bid, ask };
  };

  // {symbol, spread_bps}: 0 < spread_bps <= 5000; null restores the asset class's default.
  router.post('/admin/quotes', (req, res) => {
    const body = bodyOf(req);
    const asset = assetOf(body.symbol);
    ctx.prices.setSpread(asset, spreadBps(body.spread_bps));
    res.json(quoteJson(asset));
  });

  // ?symbol=X: that symbol's spread and current quote; without it, every configured spread and the defaults.
  router.get('/admin/quotes', (req: Request, res) => {
    const symbol = queryText(req, 'symbol');
    if (symbol) {
      res.json(quoteJson(assetOf(symbol)));
      return;
    }
    const spreads = ctx.store.quoteSpreads
      .values()
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((spread) => ({ symbol: spread.id, spread_bps: spread.spreadBps }));
    res.json({ spreads, default_spread_bps: DEFAULT_SPREAD_BPS });
  });

  return router;
}

function spreadBps(value: unknown): number | null {
  if (value === null) return null;
  const parsed = numeric(value);
  if (typeof parsed !== 'number' || !Number.isFinite(parsed) || parsed <= 0 || parsed > MAX_SPREAD_BPS) {
    throw badRequest(`invalid spread_bps: must be a number > 0 and <= ${MAX_SPREAD_BPS}, or null for the default`);
  }
  return parsed;
}
