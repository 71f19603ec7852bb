import type { NewsArticleRecord } from '../store/records';

export type { NewsArticleRecord };

/** A headline before it gets its id: what POST /admin/news and a news file hold. */
export type ArticleDraft = Omit<NewsArticleRecord, 'id'>;

/** Byline of generated headlines, and of posted or file ones that name no author or source. */
export const NEWSROOM_AUTHOR = 'Paper Exchange Newsroom';
export const NEWSROOM_SOURCE = 'paper-exchange';

/** An article's place in publication order; page tokens carry one. */
export interface ArticleKey {
  createdAtMs: number;
  id: number;
}

export const articleKey = (article: NewsArticleRecord): ArticleKey => ({
  createdAtMs: Date.parse(article.createdAt),
  id: Number(article.id),
});

/** Publication order; the id breaks ties so pages never overlap. */
export const compareKeys = (a: ArticleKey, b: ArticleKey): number => a.createdAtMs - b.createdAtMs || a.id - b.id;

export const compareArticles = (a: NewsArticleRecord, b: NewsArticleRecord): number => compareKeys(articleKey(a), articleKey(b));
