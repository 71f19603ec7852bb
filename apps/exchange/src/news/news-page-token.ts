import { articleKey, type ArticleKey, type NewsArticleRecord } from './news-article';

// A cursor rather than an offset: the generated feed is computed lazily from the cursor on, and
// an article posted meanwhile cannot shift the next page. The next page holds the articles
// after the cursor in the query's sort order.
export function encodePageToken(article: NewsArticleRecord): string {
  const { createdAtMs, id } = articleKey(article);
  return Buffer.from(`news:${createdAtMs}:${id}`).toString('base64');
}

/** undefined when the token was not made by encodePageToken. */
export function decodePageToken(token: string): ArticleKey | undefined {
  const match = /^news:(\d+):(\d+)$/.exec(Buffer.from(token, 'base64').toString('utf8'));
  return match ? { createdAtMs: Number(match[1]), id: Number(match[2]) } : undefined;
}
