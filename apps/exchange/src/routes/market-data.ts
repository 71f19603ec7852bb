import type { Request } from 'express';
import type { ExchangeContext } from '../exchange-context';
import { badRequest } from '../http/api-error';
import { findAsset, type Asset, type AssetClass } from '../market/asset-catalog';
import { pageBars, type BarPage } from '../market/bar-series';
import { newYorkMidnight } from '../market/market-clock';
import type { BarValue } from '../market/price-book';
import { bucketStart, parseTimeframe } from '../market/timeframe';
import { queryInt, querySymbols, queryText, queryTime } from './query-params';

// Shared by the stock and crypto data routes: both use the same bar, trade and quote model.

/** Alpaca's data API drops unknown symbols from multi-symbol answers. */
export function knownAssets(symbols: string[], assetClass: AssetClass): Asset[] {
  const assets = symbols.map((symbol) => findAsset(symbol)).filter((asset): asset is Asset => asset?.assetClass === assetClass);
  return [...new Set(assets)];
}

export function requireSymbols(req: Request): string[] {
  const symbols = querySymbols(req);
  if (symbols.length === 0) throw badRequest('missing symbols');
  return symbols;
}

/** Reads timeframe/start/end/limit/sort/page_token and returns one page of bars. */
export function barsPage(ctx: ExchangeContext, assets: Asset[], req: Request): BarPage {
  const timeframe = parseTimeframe(queryText(req, 'timeframe') ?? '');
  if (!timeframe) throw badRequest('invalid timeframe');
  const now = Date.now();
  // Like Alpaca: without `start`, bars begin at the start of the current (New York) day.
  const startMs = queryTime(req, 'start', true) ?? newYorkMidnight(now);
  const endMs = queryTime(req, 'end', true) ?? now;
  const sort = queryText(req, 'sort') ?? 'asc';
  if (sort !== 'asc' && sort !== 'desc') throw badRequest('invalid sort');
  return pageBars(
    ctx.prices,
    { assets, timeframe, startMs, endMs, sort, limit: queryInt(req, 'limit', 1000, 1, 10_000, true), offset: pageOffset(req) },
    now,
  );
}

export function nextPageToken(page: BarPage): string | null {
  return page.nextOffset === null ? null : Buffer.from(`bars:${page.nextOffset}`).toString('base64');
}

function pageOffset(req: Request): number {
  const token = queryText(req, 'page_token');
  if (!token) return 0;
  const match = /^bars:(\d+)$/.exec(Buffer.from(token, 'base64').toString('utf8'));
  if (!match) throw badRequest('invalid page_token');
  return Number(match[1]);
}

export function barJson(bar: BarValue): Record<string, number | string> {
  return { t: isoSeconds(bar.t), o: bar.o, h: bar.h, l: bar.l, c: bar.c, v: bar.v, n: bar.n, vw: bar.vw };
}

/** The latest (current, partial) 1-minute bar. */
export function latestBar(ctx: ExchangeContext, asset: Asset): BarValue {
  const minute = parseTimeframe('1Min')!;
  return ctx.prices.bar(asset, minute, bucketStart(minute, Date.now()));
}

/** Trade ids grow with time, so consecutive latest trades look like a live tape. */
export function tradeId(): number {
  return Math.floor(Date.now() / 100);
}

export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

export function bySymbol<T>(assets: Asset[], value: (asset: Asset) => T): Record<string, T> {
  return Object.fromEntries(assets.map((asset) => [asset.symbol, value(asset)]));
}
