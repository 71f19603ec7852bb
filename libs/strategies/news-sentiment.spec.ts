import { describeArticleScore, formatScore, scoreArticle } from './news-sentiment';

const scoreOf = (headline: string, summary = '') => scoreArticle({ headline, summary });
const hitsOf = (headline: string, summary = '') => scoreOf(headline, summary).hits.map((hit) => [hit.score, hit.words, hit.inSummary]);

describe('news sentiment lexicon scoring', () => {
  it.each<[string, string, string, number, Array<[number, string, boolean]>]>([
    ['two positive phrases', 'Apple beats estimates, raises guidance', '', 4, [[2, 'beats', false], [2, 'raises guidance', false]]],
    ['case-insensitive', 'APPLE SURGES AFTER EARNINGS', '', 1.5, [[1.5, 'surges', false]]],
    ['negative words add up', 'Apple faces probe and lawsuit over bankruptcy claims', '', -6, [[-1.5, 'probe', false], [-1.5, 'lawsuit', false], [-3, 'bankruptcy', false]]],
    ['"not" flips a negative', 'Apple did not miss estimates', '', 2, [[2, 'not miss', false]]],
    ['"no" flips a negative', 'No recall planned for iPhone', '', 1.5, [[1.5, 'no recall', false]]],
    ['negator two words before', 'Apple not under probe', '', 1.5, [[1.5, 'not under probe', false]]],
    ['negator three words before does not flip', 'Regulators did not open a probe', '', -1.5, [[-1.5, 'probe', false]]],
    ["n't negates, curly apostrophe too", 'Apple didn’t miss', '', 2, [[2, "didn't miss", false]]],
    ['negation stops at punctuation', 'No recall, Apple beats estimates', '', 3.5, [[1.5, 'no recall', false], [2, 'beats', false]]],
    ['a negator serves one phrase only', 'no recall beats', '', 3.5, [[1.5, 'no recall', false], [2, 'beats', false]]],
    ['whole words only', 'Beatsaber studio recalled staff in Mississippi', '', 0, []],
    ['summary counts half', 'Apple upgraded at Morgan Stanley', 'Analysts see record demand', 2.5, [[2, 'upgraded', false], [0.5, 'record', true]]],
    ['summary only', 'Apple to hold event', 'Shares slump on the news', -0.75, [[-0.75, 'slump', true]]],
    ['neutral', 'Apple to hold developer event in June', 'Keynote at 10am', 0, []],
  ])('%s', (_name, headline, summary, score, hits) => {
    expect(scoreOf(headline, summary).score).toBe(score);
    expect(hitsOf(headline, summary)).toEqual(hits);
  });

  it.each([
    [2, '+2.0'],
    [-1.5, '-1.5'],
    [0.75, '+0.75'],
    [-0.25, '-0.25'],
    [0.7, '+0.7'],
    [0, '0.0'],
    [12, '+12.0'],
  ])('formats %d as %s', (score, text) => {
    expect(formatScore(score)).toBe(text);
  });

  it('describes a headline with its score and the words that counted', () => {
    const article = { headline: 'Apple beats estimates, raises guidance', summary: 'Analysts cheer record iPhone sales' };
    expect(describeArticleScore(article, scoreArticle(article))).toBe(
      `"Apple beats estimates, raises guidance" +4.5 (+2.0 'beats', +2.0 'raises guidance', +0.5 'record' in summary)`,
    );
  });

  it('says so when no word counted, and shortens long headlines', () => {
    const neutral = { headline: 'Apple to hold developer event', summary: '' };
    expect(describeArticleScore(neutral, scoreArticle(neutral))).toBe(`"Apple to hold developer event" 0.0 (no lexicon words)`);
    const long = { headline: `Apple beats ${'x'.repeat(100)}`, summary: '' };
    expect(describeArticleScore(long, scoreArticle(long))).toBe(`"Apple beats ${'x'.repeat(67)}…" +2.0 (+2.0 'beats')`);
  });
});
