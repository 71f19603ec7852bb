import { PassThrough } from 'node:stream';
import { forEachLine } from './line-splitter';

async function linesOf(chunks: string[]): Promise<string[]> {
  const stream = new PassThrough();
  const lines: string[] = [];
  forEachLine(stream, (line) => lines.push(line));
  const ended = new Promise((resolve) => stream.on('end', resolve));
  for (const chunk of chunks) stream.write(chunk);
  stream.end();
  await ended;
  return lines;
}

describe('forEachLine', () => {
  it.each([
    [['one\ntwo\n'], ['one', 'two']],
    [['on', 'e\ntw', 'o\n'], ['one', 'two']],
    [['crlf\r\nline\r\n'], ['crlf', 'line']],
    [['no newline at end'], ['no newline at end']],
    [['a\n\nb\n'], ['a', '', 'b']],
    [[], []],
  ])('splits %j into %j', async (chunks, expected) => {
    expect(await linesOf(chunks)).toEqual(expected);
  });
});
