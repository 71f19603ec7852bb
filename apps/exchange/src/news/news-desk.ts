import type { ExchangeStore } from '../store/exchange-store';
import { HEADLINE_SUBJECTS } from './headline-subjects';
import { articleKey, compareArticles, compareKeys, type ArticleDraft, type ArticleKey, type NewsArticleRecord } from './news-article';
import { SeededHeadlines } from './seeded-headlines';

/** Where headlines come from besides POST /admin/news: the seeded generator, nothing, or a JSON file. */
export type NewsSetting = 'seeded' | 'off' | { file: string };

export interface NewsQuery {
  /** Alpaca's news spelling ("AAPL", "BTCUSD"); empty = every symbol. */
  symbols: string[];
  startMs?: number;
  endMs: number;
  sort: 'asc' | 'desc';
  limit: number;
  /** Continue after this article (in `sort` order). */
  after?: ArticleKey;
  excludeContentless: boolean;
}

export interface NewsPage {
  articles: NewsArticleRecord[];
  /** The last article, when more follow it. */
  more: boolean;
}

export interface NewsSources {
  /** The seeded generator, when on. */
  generated?: SeededHeadlines;
  /** Articles read from a news file at start. */
  fixed?: NewsArticleRecord[];
  now?: () => number;
}

/** Merges the admin-posted, file and generated headlines into Alpaca's pages. */
export class NewsDesk {
  private nextId: number;
  private readonly now: () => number;

  constructor(
    private readonly store: ExchangeStore,
    private readonly sources: NewsSources = {},
  ) {
    this.now = sources.now ?? Date.now;
    // Ids keep counting after DELETE /admin/news, so a strategy never sees an id reused.
    this.nextId = store.newsArticles.values().reduce((max, article) => Math.max(max, Number(article.id)), 0) + 1;
  }

  add(drafts: ArticleDraft[]): NewsArticleRecord[] {
    return this.store.transaction(() => drafts.map((draft) => this.store.newsArticles.put({ id: String(this.nextId++), ...draft })));
  }

  /** The admin-posted headlines, oldest first. */
  posted(): NewsArticleRecord[] {
    return this.store.newsArticles.values().sort(compareArticles);
  }

  clear(): number {
    const posted = this.store.newsArticles.values();
    this.store.transaction(() => posted.forEach((article) => this.store.newsArticles.delete(article.id)));
    return posted.length;
  }

  page(query: NewsQuery): NewsPage {
    const direction = query.sort === 'asc' ? 1 : -1;
    const wanted = new Set(query.symbols);
    const matches = (article: NewsArticleRecord): boolean => {
      const key = articleKey(article);
      if (query.startMs !== undefined && key.createdAtMs < query.startMs) return false;
      if (key.createdAtMs > query.endMs) return false;
      if (query.after && direction * compareKeys(key, query.after) <= 0) return false;
      if (query.excludeContentless && article.content === '') return false;
      return wanted.size === 0 || article.symbols.some((symbol) => wanted.has(symbol));
    };
    const candidates = [...this.store.newsArticles.values(), ...(this.sources.fixed ?? [])].filter(matches);
    candidates.push(...this.generated(query, matches));
    candidates.sort((a, b) => direction * compareArticles(a, b));
    return { articles: candidates.slice(0, query.limit), more: candidates.length > query.limit };
  }

  /** The first limit + 1 generated articles of the query: enough to fill the page and know if more follow. */
  private generated(query: NewsQuery, matches: (article: NewsArticleRecord) => boolean): NewsArticleRecord[] {
    if (!this.sources.generated) return [];
    const subjects = HEADLINE_SUBJECTS.filter((subject) => query.symbols.length === 0 || query.symbols.includes(subject.symbol));
    // No headline is generated before it happens; the cursor narrows the window to what is left.
    let startMs = query.startMs ?? 0;
    let endMs = Math.min(query.endMs, this.now());
    if (query.after && query.sort === 'asc') startMs = Math.max(startMs, query.after.createdAtMs);
    if (query.after && query.sort === 'desc') endMs = Math.min(endMs, query.after.createdAtMs);
    const found: NewsArticleRecord[] = [];
    for (const article of this.sources.generated.articles(subjects, { startMs, endMs, sort: query.sort })) {
      if (!matches(article)) continue;
      found.push(article);
      if (found.length > query.limit) break;
    }
    return found;
  }
}
