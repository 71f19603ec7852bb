import type { Readable } from 'node:stream';

/**
 * Calls onLine for every complete line a stream emits, and for the unterminated rest when it
 * ends. Child processes write in arbitrary chunks; prefixing or matching log lines needs whole lines.
 */
export function forEachLine(stream: Readable, onLine: (line: string) => void): void {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split(/\r?\n/);
    pending = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  });
  stream.on('end', () => {
    if (pending.length > 0) onLine(pending);
    pending = '';
  });
}
