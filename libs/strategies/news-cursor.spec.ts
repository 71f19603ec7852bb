import type { NewsArticle } from '../broker/broker.port';
import { advanceNewsCursor, SEEN_IDS_KEPT, selectFreshNews } from './news-cursor';

const SINCE = new Date('2026-01-05T14:30:00Z');
const AS_OF = new Date('2026-01-05T15:30:00Z');

function article(id: string, time: string): NewsArticle {
  return { id, headline: id, summary: '', source: 'test', symbols: ['AAPL'], createdAt: `2026-01-05T${time}:00Z` };
}

describe('news cursor', () => {
  it('keeps articles in [since, asOf] not read before, oldest first, each id once', () => {
    const news = [article('c', '15:20'), article('a', '14:30'), article('c', '15:20'), article('seen', '15:00'), article('b', '15:30'), article('late', '15:31')];
    const { fresh, alreadySeen } = selectFreshNews(news, { news_seen_ids: ['seen'] }, SINCE, AS_OF);
    expect(fresh.map((a) => a.id)).toEqual(['a', 'c', 'b']);
    expect(alreadySeen).toBe(1);
  });

  it('moves the cursor to the newest article read and never back', () => {
    const state = { news_cursor: '2026-01-05T15:25:00.000Z', news_seen_ids: ['x'] };
    expect(advanceNewsCursor(state, [article('y', '15:10')])).toEqual({ news_cursor: '2026-01-05T15:25:00.000Z', news_seen_ids: ['x', 'y'] });
    expect(advanceNewsCursor(state, [article('z', '15:29')]).news_cursor).toBe('2026-01-05T15:29:00.000Z');
  });

  it(`remembers only the last ${SEEN_IDS_KEPT} ids`, () => {
    const seen = Array.from({ length: SEEN_IDS_KEPT }, (_, i) => `old-${i}`);
    const ids = advanceNewsCursor({ news_seen_ids: seen }, [article('new', '15:00')]).news_seen_ids as string[];
    expect(ids).toHaveLength(SEEN_IDS_KEPT);
    expect(ids[0]).toBe('old-1');
    expect(ids[SEEN_IDS_KEPT - 1]).toBe('new');
  });
});
