import { HEADLINE_SUBJECTS, type HeadlineSubject } from './headline-subjects';
import { HEADLINE_TEMPLATES, fillTemplate } from './headline-templates';
import { SeededHeadlines } from './seeded-headlines';

const subject = (symbol: string): HeadlineSubject => HEADLINE_SUBJECTS.find((entry) => entry.symbol === symbol)!;
const DAY = { startMs: Date.parse('2024-03-01T00:00:00Z'), endMs: Date.parse('2024-03-02T00:00:00Z') };

describe('SeededHeadlines', () => {
  it('is a pure function of the seed: same seed, same articles; another seed, other ones', () => {
    const window = { ...DAY, sort: 'asc' as const };
    const first = [...new SeededHeadlines('alpha').articles([subject('AAPL'), subject('BTCUSD')], window)];
    const again = [...new SeededHeadlines('alpha').articles([subject('AAPL'), subject('BTCUSD')], window)];
    const other = [...new SeededHeadlines('beta').articles([subject('AAPL'), subject('BTCUSD')], window)];
    expect(again).toEqual(first);
    // Ids name the (symbol, hour) slot, so they are shared; times and headlines are the seed's.
    const ids = (list: typeof first) => list.map((article) => article.id).sort();
    expect(ids(other)).toEqual(ids(first));
    expect(other.map((article) => article.createdAt)).not.toEqual(first.map((article) => article.createdAt));
  });

  it('publishes one headline per symbol and hour, 30 to 90 minutes apart, with unique ids', () => {
    const articles = [...new SeededHeadlines('spacing').articles([subject('MSFT')], { ...DAY, sort: 'asc' })];
    expect(articles).toHaveLength(24);
    const times = articles.map((article) => Date.parse(article.createdAt));
    for (let i = 1; i < times.length; i++) {
      expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(30 * 60_000);
      expect(times[i] - times[i - 1]).toBeLessThanOrEqual(90 * 60_000);
    }
    expect(new Set(articles.map((article) => article.id)).size).toBe(24);
    expect(articles.every((article) => article.symbols.join() === 'MSFT' && article.content.includes(article.headline))).toBe(true);
  });

  it('writes headlines from the templates of the subject kind, with readable names', () => {
    const generator = new SeededHeadlines('names');
    const headline = (symbol: string) => generator.articleOf(subject(symbol), 480_000).headline;
    const fromTemplates = (symbol: string, name: string) =>
      HEADLINE_TEMPLATES[subject(symbol).kind].map((template) => fillTemplate(template.headline, name));
    expect(fromTemplates('AAPL', 'Apple')).toContain(headline('AAPL'));
    expect(fromTemplates('KO', 'Coca-Cola')).toContain(headline('KO'));
    expect(fromTemplates('SPY', 'SPY')).toContain(headline('SPY'));
    expect(fromTemplates('ETHUSD', 'Ethereum')).toContain(headline('ETHUSD'));
  });

  it('mixes positive, negative and neutral headlines', () => {
    const articles = [...new SeededHeadlines('mix').articles(HEADLINE_SUBJECTS, { ...DAY, sort: 'asc' })];
    const sentiments = new Set(
      articles.map((article) =>
        Object.values(HEADLINE_TEMPLATES)
          .flat()
          .find((template) => article.headline.startsWith(template.headline.split('{name}')[0]) && article.headline.endsWith(template.headline.split('{name}')[1]))
          ?.sentiment,
      ),
    );
    expect(sentiments).toEqual(new Set(['positive', 'negative', 'neutral']));
  });

  it('walks the window newest first for desc and keeps to its bounds', () => {
    const window = { startMs: Date.parse('2024-03-01T10:30:00Z'), endMs: Date.parse('2024-03-01T14:30:00Z') };
    const generator = new SeededHeadlines('order');
    const asc = [...generator.articles([subject('NVDA'), subject('TSLA')], { ...window, sort: 'asc' })];
    const desc = [...generator.articles([subject('NVDA'), subject('TSLA')], { ...window, sort: 'desc' })];
    expect(desc).toEqual([...asc].reverse());
    const times = asc.map((article) => Date.parse(article.createdAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(window.startMs);
    expect(Math.max(...times)).toBeLessThanOrEqual(window.endMs);
    expect(asc.length).toBeGreaterThanOrEqual(6);
  });
});
