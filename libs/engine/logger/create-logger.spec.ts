import { Writable } from 'node:stream';
import { createLogger } from './create-logger';
import { serializeRequest } from './log-redaction';

function capture(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, lines: () => chunks.join('').trim().split('\n').map((line) => JSON.parse(line)) };
}

describe('createLogger', () => {
  it('writes one JSON object per line with the logger name and child fields', () => {
    const out = capture();
    const log = createLogger('worker', { destination: out.stream, level: 'info' });
    log.child({ strategy_id: 's-1', user_id: 'u-1' }).info('BUY executed');
    expect(out.lines()).toEqual([expect.objectContaining({ name: 'worker', strategy_id: 's-1', user_id: 'u-1', msg: 'BUY executed', level: 30 })]);
  });

  it('drops lines below its level', () => {
    const out = capture();
    const log = createLogger('api', { destination: out.stream, level: 'warn' });
    log.info('quiet');
    log.warn('loud');
    expect(out.lines().map((l) => l.msg)).toEqual(['loud']);
  });

  it.each([
    [{ password: 'hunter22' }, 'password'],
    [{ body: { password: 'hunter22' } }, 'body.password'],
    [{ credentials: { secret_key: 'hunter22', key_id: 'hunter22' } }, 'credentials.secret_key'],
    [{ token: { access_token: 'hunter22' } }, 'token.access_token'],
    [{ credentials: { secretKey: 'hunter22', accessToken: 'hunter22' } }, 'credentials.secretKey'],
    [{ req: { headers: { authorization: 'Bearer hunter22' } } }, 'req.headers.authorization'],
  ])('redacts secrets in %j', (fields, path) => {
    const out = capture();
    createLogger('api', { destination: out.stream }).info(fields, 'hello');
    const line = out.lines()[0];
    expect(JSON.stringify(line)).not.toContain('hunter22');
    const value = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], line);
    expect(value).toBe('[Redacted]');
  });
});

describe('serializeRequest', () => {
  it('keeps method and path but neither the query string nor headers', () => {
    const req = { id: 7, method: 'GET', url: '/api/accounts/alpaca/oauth/callback?code=abc&state=xyz', headers: { authorization: 'Bearer t' } };
    expect(serializeRequest(req)).toEqual({ id: 7, method: 'GET', url: '/api/accounts/alpaca/oauth/callback' });
  });
});
