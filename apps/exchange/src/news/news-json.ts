import type { NewsArticleRecord } from './news-article';

/** Alpaca's article JSON; like Alpaca, `content` is empty unless the query asked for it. */
export function toNewsJson(article: NewsArticleRecord, includeContent = true): Record<string, unknown> {
  return {
    id: Number(article.id),
    headline: article.headline,
    author: article.author,
    created_at: article.createdAt,
    updated_at: article.createdAt,
    summary: article.summary,
    content: includeContent ? article.content : '',
    url: article.url,
    images: [],
    symbols: article.symbols,
    source: article.source,
  };
}
