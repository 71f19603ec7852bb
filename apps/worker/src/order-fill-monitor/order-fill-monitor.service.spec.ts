import type { DataSource } from 'typeorm';
import { loadConfig } from '../../../../libs/config';
import { OrderFillMonitorService } from './order-fill-monitor.service';

describe('OrderFillMonitorService', () => {
  // Any use of the database would throw: a disabled monitor must not even look.
  const untouchable = new Proxy(
    {},
    {
      get: () => {
        throw new Error('the database was used');
      },
    },
  ) as DataSource;
  const signaller = { signal: jest.fn() };
  const logLevel = process.env.LOG_LEVEL;
  beforeAll(() => (process.env.LOG_LEVEL = 'silent'));
  afterAll(() => (process.env.LOG_LEVEL = logLevel));

  it.each([
    [{ DISABLE_BACKGROUND_SERVICES: 'true' }],
    [{ ENABLE_ORDER_FILL_MONITOR: 'false' }],
  ])('does not start with %p', async (env) => {
    const config = loadConfig(env, { keyFile: false });
    const service = new OrderFillMonitorService(config, untouchable, signaller);
    service.onApplicationBootstrap();
    expect(service.streamState('any-user')).toBeUndefined();
    await service.beforeApplicationShutdown();
    expect(signaller.signal).not.toHaveBeenCalled();
  });
});
