import { Router, type Request } from 'express';
import type { ExchangeContext } from '../exchange-context';
import { badRequest } from '../http/api-error';
import type { Asset } from '../market/asset-catalog';
import { barJson, barsPage, bySymbol, knownAssets, latestBar, nextPageToken, requireSymbols, tradeId } from './market-data';

// Alpaca US, Kraken US, Kraken EU: one price book serves them all.
const LOCATIONS = new Set(['us', 'us-1', 'eu-1']);

/** Crypto market data (data.alpaca.markets /v1beta3/crypto/{loc}/...). Trades 24/7. */
export function cryptoDataRoutes(ctx: ExchangeContext): Router {
  const router = Router();
  const cryptos = (req: Request): Asset[] => {
    if (!LOCATIONS.has(String(req.params.loc))) throw badRequest(`invalid location "${req.params.loc}"`);
    return knownAssets(requireSymbols(req), 'crypto');
  };

  router.get('/v1beta3/crypto/:loc/bars', (req, res) => {
    const page = barsPage(ctx, cryptos(req), req);
    const bars = Object.fromEntries([...page.bars].map(([asset, list]) => [asset.symbol, list.map(barJson)]));
    res.json({ bars, next_page_token: nextPageToken(page) });
  });

  router.get('/v1beta3/crypto/:loc/latest/bars', (req, res) => {
    res.json({ bars: bySymbol(cryptos(req), (asset) => barJson(latestBar(ctx, asset))) });
  });

  router.get('/v1beta3/crypto/:loc/latest/trades', (req, res) => {
    res.json({
      trades: bySymbol(cryptos(req), (asset) => ({
        t: new Date().toISOString(),
        p: ctx.prices.price(asset),
        s: 0.01,
        i: tradeId(),
        tks: 'B',
      })),
    });
  });

  router.get('/v1beta3/crypto/:loc/latest/quotes', (req, res) => {
    res.json({
      quotes: bySymbol(cryptos(req), (asset) => {
        const { bid, ask } = ctx.prices.quote(asset);
        return { t: new Date().toISOString(), bp: bid, bs: 1, ap: ask, as: 1 };
      }),
    });
  });

  return router;
}
