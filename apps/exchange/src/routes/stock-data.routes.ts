import { Router } from 'express';
import type { ExchangeContext } from '../exchange-context';
import { notFound } from '../http/api-error';
import type { Asset } from '../market/asset-catalog';
import { barJson, barsPage, bySymbol, knownAssets, latestBar, nextPageToken, requireSymbols, tradeId } from './market-data';

/** Stock market data (data.alpaca.markets /v2/stocks/...): bars, latest trades, quotes, bars. */
export function stockDataRoutes(ctx: ExchangeContext): Router {
  const router = Router();
  const stocks = (symbols: string[]) => knownAssets(symbols, 'us_equity');
  const stock = (symbol: string): Asset => {
    const [asset] = stocks([symbol]);
    if (!asset) throw notFound(`no data found for symbol ${symbol}`);
    return asset;
  };
  const trade = (asset: Asset) => ({
    t: new Date().toISOString(),
    x: 'V',
    p: ctx.prices.price(asset),
    s: 100,
    c: ['@'],
    i: tradeId(),
    z: 'C',
  });
  const quote = (asset: Asset) => {
    const { bid, ask } = ctx.prices.quote(asset);
    return { t: new Date().toISOString(), ax: 'V', ap: ask, as: 1, bx: 'V', bp: bid, bs: 1, c: ['R'], z: 'C' };
  };

  router.get('/v2/stocks/bars', (req, res) => {
    const page = barsPage(ctx, stocks(requireSymbols(req)), req);
    const bars = Object.fromEntries([...page.bars].map(([asset, list]) => [asset.symbol, list.map(barJson)]));
    res.json({ bars, next_page_token: nextPageToken(page), currency: 'USD' });
  });

  router.get('/v2/stocks/bars/latest', (req, res) => {
    res.json({ bars: bySymbol(stocks(requireSymbols(req)), (asset) => barJson(latestBar(ctx, asset))) });
  });

  router.get('/v2/stocks/trades/latest', (req, res) => {
    res.json({ trades: bySymbol(stocks(requireSymbols(req)), trade) });
  });

  router.get('/v2/stocks/quotes/latest', (req, res) => {
    res.json({ quotes: bySymbol(stocks(requireSymbols(req)), quote) });
  });

  router.get('/v2/stocks/:symbol/bars', (req, res) => {
    const [asset] = stocks([req.params.symbol]);
    // An unknown symbol has no bars (an empty page), as on Alpaca.
    const page = asset ? barsPage(ctx, [asset], req) : { bars: new Map(), nextOffset: null };
    const bars = asset ? (page.bars.get(asset) ?? []).map(barJson) : [];
    res.json({ bars, symbol: req.params.symbol, next_page_token: nextPageToken(page), currency: 'USD' });
  });

  router.get('/v2/stocks/:symbol/bars/latest', (req, res) => {
    const asset = stock(req.params.symbol);
    res.json({ symbol: asset.symbol, bar: barJson(latestBar(ctx, asset)) });
  });

  router.get('/v2/stocks/:symbol/trades/latest', (req, res) => {
    const asset = stock(req.params.symbol);
    res.json({ symbol: asset.symbol, trade: trade(asset) });
  });

  router.get('/v2/stocks/:symbol/quotes/latest', (req, res) => {
    const asset = stock(req.params.symbol);
    res.json({ symbol: asset.symbol, quote: quote(asset) });
  });

  return router;
}
