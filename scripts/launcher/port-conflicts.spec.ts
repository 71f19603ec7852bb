import { createServer } from 'node:net';
import { findFreePort } from '../process/free-port';
import { findPortConflicts } from './port-conflicts';

describe('findPortConflicts', () => {
  it('names each taken port, what needed it and the variable that moves it', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const taken = (server.address() as { port: number }).port;
    const free = await findFreePort();
    try {
      const conflicts = await findPortConflicts([
        { port: taken, host: '127.0.0.1', what: 'API', envVar: 'API_PORT' },
        { port: free, host: '127.0.0.1', what: 'paper exchange', envVar: 'EXCHANGE_PORT' },
      ]);
      expect(conflicts).toEqual([`port ${taken} (API) is already in use on 127.0.0.1; stop what uses it or set API_PORT`]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
