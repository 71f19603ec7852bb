import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkBroker } from './broker.check';

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

describe('checkBroker', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((r) => { s.closeAllConnections(); s.close(r); })));
  });

  it.each([200, 401, 403, 500])('counts an HTTP %i answer from /v2/clock as reachable', async (status) => {
    const paths: string[] = [];
    const server = createServer((req, res) => {
      paths.push(req.url ?? '');
      res.writeHead(status).end('{}');
    });
    servers.push(server);
    const url = await listen(server);
    await expect(checkBroker(`${url}/`, 1_000)).resolves.toEqual({ status: 'reachable', url, http_status: status });
    expect(paths).toEqual(['/v2/clock']);
  });

  it('reports a refused connection as unreachable', async () => {
    const server = createServer();
    const url = await listen(server);
    await new Promise((r) => server.close(r));
    const health = await checkBroker(url, 1_000);
    expect(health.status).toBe('unreachable');
    expect(health.error).toBeTruthy();
  });

  it('gives up on a broker that never answers within the timeout', async () => {
    const server = createServer(() => undefined);
    servers.push(server);
    const url = await listen(server);
    const started = Date.now();
    const health = await checkBroker(url, 200);
    expect(health.status).toBe('unreachable');
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
