import { Router, type Request } from 'express';
import type { ExchangeContext } from '../exchange-context';
import { badRequest } from '../http/api-error';
import type { NewsQuery } from '../news/news-desk';
import { toNewsJson } from '../news/news-json';
import { decodePageToken, encodePageToken } from '../news/news-page-token';
import { newsSymbol } from '../news/news-symbols';
import { queryInt, querySymbols, queryText } from './query-params';

const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 50;

/** Alpaca's news API (data.alpaca.markets /v1beta1/news): admin, file and generated headlines. */
export function newsRoutes(ctx: ExchangeContext): Router {
  const router = Router();

  router.get('/v1beta1/news', (req, res) => {
    const page = ctx.news.page(newsQuery(req));
    const last = page.articles[page.articles.length - 1];
    const includeContent = queryFlag(req, 'include_content');
    res.json({
      news: page.articles.map((article) => toNewsJson(article, includeContent)),
      next_page_token: page.more ? encodePageToken(last) : null,
    });
  });

  return router;
}

function newsQuery(req: Request): NewsQuery {
  const symbols = querySymbols(req).map((raw) => {
    const symbol = newsSymbol(raw);
    if (!symbol) throw badRequest(`invalid symbols: "${raw}" is not a ticker`);
    return symbol;
  });
  const startMs = queryInstant(req, 'start');
  const endMs = queryInstant(req, 'end') ?? Date.now();
  if (startMs !== undefined && startMs > endMs) throw badRequest('invalid start: must not be after end');
  const sort = queryText(req, 'sort') ?? 'desc';
  if (sort !== 'asc' && sort !== 'desc') throw badRequest(`invalid sort: must be "asc" or "desc", got "${sort}"`);
  const token = queryText(req, 'page_token');
  const after = token === undefined ? undefined : decodePageToken(token);
  if (token !== undefined && !after) throw badRequest('invalid page_token: pass next_page_token from the previous answer as is');
  return {
    symbols,
    startMs,
    endMs,
    sort,
    limit: queryInt(req, 'limit', DEFAULT_LIMIT, 1, MAX_LIMIT, true),
    after,
    excludeContentless: queryFlag(req, 'exclude_contentless'),
  };
}

/** RFC 3339 or YYYY-MM-DD (midnight UTC), as epoch ms. */
function queryInstant(req: Request, name: string): number | undefined {
  const raw = queryText(req, name);
  if (raw === undefined) return undefined;
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T00:00:00Z` : raw);
  if (Number.isNaN(ms)) throw badRequest(`invalid ${name}: must be an RFC 3339 time such as 2024-05-01T14:30:00Z, got "${raw}"`);
  return ms;
}

function queryFlag(req: Request, name: string): boolean {
  const raw = queryText(req, name);
  if (raw === undefined) return false;
  if (raw !== 'true' && raw !== 'false') throw badRequest(`invalid ${name}: must be true or false, got "${raw}"`);
  return raw === 'true';
}
