import { normalizeType } from './temporal-search-attributes';

describe('normalizeType', () => {
  it.each([
    ['Keyword', 'INDEXED_VALUE_TYPE_KEYWORD', true],
    ['Datetime', 'INDEXED_VALUE_TYPE_DATETIME', true],
    ['KeywordList', 'INDEXED_VALUE_TYPE_KEYWORD_LIST', true],
    ['Keyword', 'INDEXED_VALUE_TYPE_TEXT', false],
    ['Keyword', 'INDEXED_VALUE_TYPE_KEYWORD_LIST', false],
  ])('%s vs %s -> same type: %p', (wanted, listed, same) => {
    expect(normalizeType(wanted) === normalizeType(listed)).toBe(same);
  });
});
