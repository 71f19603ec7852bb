import { createServer } from 'node:net';
import { findFreePort, isPortFree } from './free-port';

describe('free ports', () => {
  it('finds a port that can be bound, and sees it taken while something listens there', async () => {
    const port = await findFreePort();
    expect(await isPortFree(port)).toBe(true);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    try {
      expect(await isPortFree(port)).toBe(false);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
