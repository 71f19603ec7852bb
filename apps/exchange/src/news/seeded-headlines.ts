import { hashString, unitFloat } from '../market/seeded-random';
import type { HeadlineSubject } from './headline-subjects';
import { fillTemplate, HEADLINE_TEMPLATES, SUMMARIES } from './headline-templates';
import { compareArticles, NEWSROOM_AUTHOR, NEWSROOM_SOURCE, type NewsArticleRecord } from './news-article';

const HOUR_MS = 3_600_000;
// One headline per subject per UTC hour, published between minute 15 and 45 of it: consecutive
// headlines of a symbol are 30 to 90 minutes apart.
const EARLIEST_OFFSET_MS = 15 * 60_000;
const OFFSET_SPREAD_SECONDS = 30 * 60;
// Ids: base + hour * stride + catalog index. Admin ids count from 1 and file ids from 500,000,001,
// so the three sources never collide.
const GENERATED_ID_BASE = 1_000_000_000;
const ID_STRIDE_PER_HOUR = 100;
/** The generated feed starts here, so a query without `start` still has a first page. */
export const GENERATED_NEWS_EPOCH_MS = Date.parse('2024-01-01T00:00:00Z');

export interface GeneratedWindow {
  startMs: number;
  endMs: number;
  sort: 'asc' | 'desc';
}

/**
 * Synthetic headlines, a pure function of (seed, symbol, hour): computed for whatever window is
 * asked, like the price path, so no job runs and a restart changes nothing.
 */
export class SeededHeadlines {
  private readonly seedKey: number;

  constructor(seed: string) {
    this.seedKey = hashString(`${seed}|news`);
  }

  /** The articles of `subjects` inside the window, in the window's sort order, lazily. */
  *articles(subjects: readonly HeadlineSubject[], window: GeneratedWindow): Generator<NewsArticleRecord> {
    if (subjects.length === 0) return;
    const first = Math.floor(Math.max(window.startMs, GENERATED_NEWS_EPOCH_MS) / HOUR_MS);
    const last = Math.floor(window.endMs / HOUR_MS);
    const step = window.sort === 'asc' ? 1 : -1;
    for (let hour = step > 0 ? first : last; hour >= first && hour <= last; hour += step) {
      const inWindow = subjects.map((subject) => this.articleOf(subject, hour)).filter((article) => {
        const ms = Date.parse(article.createdAt);
        return ms >= window.startMs && ms <= window.endMs;
      });
      inWindow.sort((a, b) => step * compareArticles(a, b));
      yield* inWindow;
    }
  }

  /** The one headline `subject` gets in the UTC hour numbered `hour` since the epoch. */
  articleOf(subject: HeadlineSubject, hour: number): NewsArticleRecord {
    const symbolKey = hashString(subject.symbol);
    const offsetMs = EARLIEST_OFFSET_MS + Math.floor(unitFloat(this.seedKey, symbolKey, hour, 1) * OFFSET_SPREAD_SECONDS) * 1000;
    const templates = HEADLINE_TEMPLATES[subject.kind];
    const template = templates[Math.floor(unitFloat(this.seedKey, symbolKey, hour, 2) * templates.length)];
    const headline = fillTemplate(template.headline, subject.name);
    const summary = fillTemplate(SUMMARIES[template.sentiment], subject.name);
    const id = GENERATED_ID_BASE + hour * ID_STRIDE_PER_HOUR + subject.index;
    return {
      id: String(id),
      headline,
      summary,
      content: `<p>${headline}.</p><p>${summary}</p>`,
      author: NEWSROOM_AUTHOR,
      source: NEWSROOM_SOURCE,
      url: null,
      symbols: [subject.symbol],
      createdAt: new Date(hour * HOUR_MS + offsetMs).toISOString(),
    };
  }
}
