import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../../../../libs/config';
import { PositionExitMonitorService } from './position-exit-monitor.service';

describe('PositionExitMonitorService', () => {
  // Any use would throw: a disabled monitor must not even look.
  const untouchable = <T>() =>
    new Proxy(
      {},
      {
        get: () => {
          throw new Error('used while disabled');
        },
      },
    ) as T;
  const logLevel = process.env.LOG_LEVEL;
  beforeAll(() => (process.env.LOG_LEVEL = 'silent'));
  afterAll(() => (process.env.LOG_LEVEL = logLevel));

  it.each([[{ DISABLE_BACKGROUND_SERVICES: 'true' }], [{ ENABLE_POSITION_EXIT_MONITOR: 'false' }]])('does not start with %p', async (env) => {
    const service = new PositionExitMonitorService(loadConfig(env, { keyFile: false }), untouchable<DataSource>(), untouchable<Client>());
    service.onApplicationBootstrap();
    expect(service.running).toBe(false);
    await service.beforeApplicationShutdown();
  });
});
