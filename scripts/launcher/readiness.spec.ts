import { createServer, type Server } from 'node:http';
import { httpAnswers, pollUntil } from './readiness';

describe('pollUntil', () => {
  it('resolves as soon as the check passes, treating a throwing check as "not yet"', async () => {
    let calls = 0;
    const check = async () => {
      calls += 1;
      if (calls < 3) throw new Error('connection refused');
      return true;
    };
    await pollUntil('thing', check, { timeoutMs: 5_000, signal: new AbortController().signal });
    expect(calls).toBe(3);
  });

  it('rejects naming what never became ready', async () => {
    await expect(
      pollUntil('the api', async () => false, { timeoutMs: 300, signal: new AbortController().signal }),
    ).rejects.toThrow('the api not ready after 0 s');
  });

  it('stops when aborted', async () => {
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 100);
    await expect(pollUntil('the worker', async () => false, { timeoutMs: 60_000, signal: abort.signal })).rejects.toThrow(
      'stopped waiting for the worker',
    );
  });
});

describe('httpAnswers', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      res.statusCode = req.url === '/health' ? 200 : 401;
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it.each([
    ['/health', (status: number) => status === 200, true],
    ['/v2/clock', (status: number) => status === 200, false],
    ['/v2/clock', () => true, true],
  ])('%s -> %p', async (path, accept, expected) => {
    expect(await httpAnswers(`${base}${path}`, accept)).toBe(expected);
  });
});
