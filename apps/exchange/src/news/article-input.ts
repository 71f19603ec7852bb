import { NEWSROOM_AUTHOR, NEWSROOM_SOURCE, type ArticleDraft } from './news-article';
import { newsSymbol } from './news-symbols';

// POST /admin/news and a news file share this shape: Alpaca's article fields, snake_case,
// with everything but the headline and the symbols optional.

export type DraftsResult = { drafts: ArticleDraft[] } | { problem: string };

const MAX_ARTICLES = 1000;
const RFC_3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;

/** One article object or an array of them; `nowMs` stamps articles without created_at. */
export function parseArticleDrafts(input: unknown, nowMs: number): DraftsResult {
  const list = Array.isArray(input) ? input : [input];
  if (list.length === 0 || list.length > MAX_ARTICLES) {
    return { problem: `news must be one article or an array of 1 to ${MAX_ARTICLES} articles` };
  }
  const drafts: ArticleDraft[] = [];
  for (const [index, item] of list.entries()) {
    const where = Array.isArray(input) ? `news[${index}].` : '';
    const draft = parseDraft(item, nowMs);
    if (typeof draft === 'string') return { problem: `${where}${draft}` };
    drafts.push(draft);
  }
  return { drafts };
}

/** The draft, or what is wrong with it (field first). */
function parseDraft(item: unknown, nowMs: number): ArticleDraft | string {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return 'article must be an object';
  const fields = item as Record<string, unknown>;
  if (typeof fields.headline !== 'string' || fields.headline.trim() === '') return 'headline must be a non-empty string';
  const symbols = parseSymbols(fields.symbols);
  if (typeof symbols === 'string') return symbols;
  const createdAt = parseCreatedAt(fields.created_at, nowMs);
  if (createdAt === undefined) return 'created_at must be an RFC 3339 time, e.g. 2024-05-01T14:30:00Z';
  for (const name of ['summary', 'content', 'author', 'source'] as const) {
    if (fields[name] !== undefined && typeof fields[name] !== 'string') return `${name} must be a string`;
  }
  if (fields.url !== undefined && fields.url !== null && typeof fields.url !== 'string') return 'url must be a string';
  return {
    headline: fields.headline.trim(),
    summary: (fields.summary as string | undefined) ?? '',
    content: (fields.content as string | undefined) ?? '',
    author: (fields.author as string | undefined) || NEWSROOM_AUTHOR,
    source: (fields.source as string | undefined) || NEWSROOM_SOURCE,
    url: (fields.url as string | null | undefined) || null,
    symbols,
    createdAt,
  };
}

function parseSymbols(value: unknown): string[] | string {
  if (!Array.isArray(value)) return 'symbols must be an array of tickers, e.g. ["AAPL", "BTC/USD"]';
  const symbols: string[] = [];
  for (const raw of value) {
    const symbol = typeof raw === 'string' ? newsSymbol(raw) : undefined;
    if (!symbol) return `symbols: ${JSON.stringify(raw)} is not a ticker`;
    if (!symbols.includes(symbol)) symbols.push(symbol);
  }
  return symbols;
}

function parseCreatedAt(value: unknown, nowMs: number): string | undefined {
  if (value === undefined || value === null) return new Date(nowMs).toISOString();
  if (typeof value !== 'string' || !RFC_3339.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}
