import { parseArticleDrafts } from './article-input';

const NOW = Date.parse('2024-05-01T12:00:00Z');

describe('parseArticleDrafts', () => {
  it('fills defaults and writes symbols as Alpaca tags them', () => {
    expect(parseArticleDrafts({ headline: ' Apple beats earnings expectations ', symbols: ['aapl', 'BTC/USD', 'BTCUSD'] }, NOW)).toEqual({
      drafts: [
        {
          headline: 'Apple beats earnings expectations',
          summary: '',
          content: '',
          author: 'Paper Exchange Newsroom',
          source: 'paper-exchange',
          url: null,
          symbols: ['AAPL', 'BTCUSD'],
          createdAt: '2024-05-01T12:00:00.000Z',
        },
      ],
    });
  });

  it('keeps the given fields and normalises created_at to UTC', () => {
    const result = parseArticleDrafts(
      [{ headline: 'h', summary: 's', content: '<p>c</p>', author: 'a', source: 'benzinga', url: 'https://x.test/1', symbols: [], created_at: '2024-05-01T10:30:00-04:00' }],
      NOW,
    );
    expect(result).toEqual({
      drafts: [{ headline: 'h', summary: 's', content: '<p>c</p>', author: 'a', source: 'benzinga', url: 'https://x.test/1', symbols: [], createdAt: '2024-05-01T14:30:00.000Z' }],
    });
  });

  it.each([
    [{ symbols: ['AAPL'] }, 'headline must be a non-empty string'],
    [{ headline: '  ', symbols: ['AAPL'] }, 'headline must be a non-empty string'],
    [{ headline: 'h' }, 'symbols must be an array of tickers, e.g. ["AAPL", "BTC/USD"]'],
    [{ headline: 'h', symbols: 'AAPL' }, 'symbols must be an array of tickers, e.g. ["AAPL", "BTC/USD"]'],
    [{ headline: 'h', symbols: ['AA PL'] }, 'symbols: "AA PL" is not a ticker'],
    [{ headline: 'h', symbols: [42] }, 'symbols: 42 is not a ticker'],
    [{ headline: 'h', symbols: [], created_at: 'yesterday' }, 'created_at must be an RFC 3339 time, e.g. 2024-05-01T14:30:00Z'],
    [{ headline: 'h', symbols: [], created_at: '2024-05-01' }, 'created_at must be an RFC 3339 time, e.g. 2024-05-01T14:30:00Z'],
    [{ headline: 'h', symbols: [], summary: 7 }, 'summary must be a string'],
    [{ headline: 'h', symbols: [], url: 7 }, 'url must be a string'],
    ['headline', 'article must be an object'],
    [[], 'news must be one article or an array of 1 to 1000 articles'],
    [[{ headline: 'ok', symbols: [] }, { headline: 'h', symbols: null }], 'news[1].symbols must be an array of tickers, e.g. ["AAPL", "BTC/USD"]'],
  ])('refuses %j: %s', (input, problem) => {
    expect(parseArticleDrafts(input, NOW)).toEqual({ problem });
  });
});
