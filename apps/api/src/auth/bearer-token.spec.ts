import { parseBearerToken } from './bearer-token';

describe('parseBearerToken', () => {
  it.each([
    [undefined, { problem: 'missing' }],
    ['', { problem: 'missing' }],
    ['Bearer abc.def.ghi', { token: 'abc.def.ghi' }],
    ['bearer   abc.def.ghi ', { token: 'abc.def.ghi' }],
    ['Basic dXNlcjpwYXNz', { problem: 'malformed' }],
    ['Bearer', { problem: 'malformed' }],
    ['Bearer a b', { problem: 'malformed' }],
    ['abc.def.ghi', { problem: 'malformed' }],
    [['Bearer a', 'Bearer b'], { problem: 'malformed' }],
  ])('%j -> %j', (header, expected) => {
    expect(parseBearerToken(header)).toEqual(expected);
  });
});
