import type { NewsArticle } from '../broker/broker.port';

// What news_based_trading remembers so it never acts twice on one headline: the newest publication
// time already read (the next request's `since`) and the ids read at or near it. The news
// endpoint's `since` is inclusive, so articles stamped exactly at the cursor come back and only the
// ids tell them apart.

const CURSOR_KEY = 'news_cursor';
const SEEN_IDS_KEY = 'news_seen_ids';

/** Ids remembered; a run reads at most 50 articles, so this spans many runs. */
export const SEEN_IDS_KEPT = 500;

export interface NewsCursor {
  /** Newest `createdAt` already read; undefined before the first headline. */
  cursor?: Date;
  seenIds: string[];
}

export function readNewsCursor(state: Record<string, unknown>): NewsCursor {
  const raw = state[CURSOR_KEY];
  const time = typeof raw === 'string' ? Date.parse(raw) : NaN;
  const ids = state[SEEN_IDS_KEY];
  return {
    cursor: Number.isFinite(time) ? new Date(time) : undefined,
    seenIds: Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [],
  };
}

/**
 * Where this run's reading starts: the cursor, but never further back than `lookbackMinutes`
 * before `asOf`, so the first run (and a run after a long pause) does not act on stale news.
 */
export function newsSince(state: Record<string, unknown>, asOf: Date, lookbackMinutes: number): Date {
  const earliest = asOf.getTime() - lookbackMinutes * 60_000;
  const { cursor } = readNewsCursor(state);
  return new Date(Math.max(earliest, cursor?.getTime() ?? earliest));
}

export interface NewsSelection {
  /** Articles in [since, asOf] not read before, oldest first, each id once. */
  fresh: NewsArticle[];
  /** Articles in the window that an earlier run already read. */
  alreadySeen: number;
}

/**
 * Picks the articles this run may act on. Articles stamped after `asOf` are left for a later run,
 * so a decision never depends on news from its own future.
 */
export function selectFreshNews(news: readonly NewsArticle[], state: Record<string, unknown>, since: Date, asOf: Date): NewsSelection {
  const seen = new Set(readNewsCursor(state).seenIds);
  const freshById = new Map<string, NewsArticle>();
  let alreadySeen = 0;
  for (const article of news) {
    const time = Date.parse(article.createdAt);
    if (!(time >= since.getTime() && time <= asOf.getTime())) continue;
    if (seen.has(article.id)) alreadySeen++;
    else if (!freshById.has(article.id)) freshById.set(article.id, article);
  }
  const fresh = [...freshById.values()];
  fresh.sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
  return { fresh, alreadySeen };
}

/** State with the fresh articles marked read and the cursor moved to the newest of them. */
export function advanceNewsCursor(state: Record<string, unknown>, fresh: readonly NewsArticle[]): Record<string, unknown> {
  if (fresh.length === 0) return state;
  const { cursor, seenIds } = readNewsCursor(state);
  const newest = Math.max(cursor?.getTime() ?? -Infinity, ...fresh.map((article) => Date.parse(article.createdAt)));
  return {
    ...state,
    [CURSOR_KEY]: new Date(newest).toISOString(),
    [SEEN_IDS_KEY]: [...seenIds, ...fresh.map((article) => article.id)].slice(-SEEN_IDS_KEPT),
  };
}
