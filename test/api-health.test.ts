import { randomUUID } from 'node:crypto';
import { Worker } from '@temporalio/worker';
import { startApiTestStack, unusedPort, type ApiTestStack } from './support/api-test-stack';
import { registerUser } from './support/api-users';
import { connectTemporal, eventually } from './support/temporal';
import { testWorkflowBundle } from './support/workflow-bundle';

jest.setTimeout(30_000);

describe.each(['sqlite', 'postgres'] as const)('API health on %s', (kind) => {
  let stack: ApiTestStack;
  // A queue of its own: pollers other test files left on the default queue linger in Temporal's view.
  const taskQueue = `health-${randomUUID()}`;

  beforeAll(async () => {
    stack = await startApiTestStack(kind, { env: { TEMPORAL_TASK_QUEUE: taskQueue } });
  });
  afterAll(() => stack?.close());

  it('answers GET /health without a token', async () => {
    await stack.http().get('/health').expect(200, { status: 'ok' });
  });

  it('reports every dependency on GET /health/detailed', async () => {
    const res = await stack.http().get('/health/detailed').expect(200);
    expect(res.body.services.database).toEqual({ status: 'connected', type: kind === 'postgres' ? 'postgres' : 'better-sqlite3' });
    expect(res.body.services.broker).toEqual({ status: 'reachable', url: stack.exchange.url, http_status: expect.any(Number) });
    expect(res.body.services.temporal).toMatchObject({
      status: 'connected',
      address: process.env.TEMPORAL_TEST_ADDRESS,
      namespace: stack.config.temporal.namespace,
    });
    // No worker runs in this test, and the status says so instead of claiming health.
    expect(res.body.services.worker).toEqual({ status: 'no_pollers', pollers: 0, task_queue: taskQueue });
    expect(res.body.status).toBe('degraded');
    expect(res.body.flags).toEqual({
      disable_background_services: false,
      enable_trading_scheduler: true,
      enable_order_fill_monitor: true,
      enable_position_exit_monitor: true,
      effective: { strategy_workflows: true, order_fill_monitor: true, position_exit_monitor: true },
    });
  });
});

describe('API health and scheduler status with the trading scheduler switched off', () => {
  let stack: ApiTestStack;

  beforeAll(async () => {
    stack = await startApiTestStack('sqlite', {
      env: { TEMPORAL_TASK_QUEUE: `health-${randomUUID()}`, ENABLE_TRADING_SCHEDULER: 'false', ENABLE_ORDER_FILL_MONITOR: 'off' },
    });
  });
  afterAll(() => stack?.close());

  const expected = {
    disable_background_services: false,
    enable_trading_scheduler: false,
    enable_order_fill_monitor: false,
    enable_position_exit_monitor: true,
    effective: { strategy_workflows: false, order_fill_monitor: false, position_exit_monitor: true },
  };

  it('reports the flags on /health/detailed', async () => {
    expect((await stack.http().get('/health/detailed').expect(200)).body.flags).toEqual(expected);
  });

  it('reports the flags in the scheduler status', async () => {
    const user = await registerUser(stack);
    const res = await stack.http().get('/api/strategies/scheduler/status').set('Authorization', user.auth).expect(200);
    expect(res.body).toMatchObject({ scheduler_running: false, flags: expected });
  });
});

describe('API health with a worker polling', () => {
  it('reports the worker running and everything ok', async () => {
    const taskQueue = `health-${randomUUID()}`;
    const temporal = await connectTemporal();
    const stack = await startApiTestStack('sqlite', { env: { TEMPORAL_TASK_QUEUE: taskQueue } });
    const worker = await Worker.create({ connection: temporal.nativeConnection, taskQueue, workflowBundle: await testWorkflowBundle() });
    const running = worker.run();
    try {
      const body = await eventually(async () => {
        const res = await stack.http().get('/health/detailed').expect(200);
        return res.body.services.worker.status === 'running' ? res.body : undefined;
      });
      expect(body.services.worker).toEqual({ status: 'running', pollers: expect.any(Number), task_queue: taskQueue });
      expect(body.services.worker.pollers).toBeGreaterThan(0);
      expect(body.status).toBe('ok');
    } finally {
      worker.shutdown();
      await running;
      await stack.close();
      await temporal.close();
    }
  });
});

describe('API health with Temporal and the broker down', () => {
  let stack: ApiTestStack;
  let deadAddress: string;

  beforeAll(async () => {
    deadAddress = `127.0.0.1:${await unusedPort()}`;
    stack = await startApiTestStack('sqlite', { temporalAddress: deadAddress });
    await stack.exchange.close();
  });
  afterAll(() => stack?.close());

  it('still answers, degraded, naming what is down', async () => {
    const started = Date.now();
    const res = await stack.http().get('/health/detailed').expect(200);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(res.body.status).toBe('degraded');
    expect(res.body.services.database.status).toBe('connected');
    expect(res.body.services.temporal).toMatchObject({ status: 'unreachable', address: deadAddress, error: expect.any(String) });
    expect(res.body.services.worker).toMatchObject({ status: 'unknown', pollers: 0, task_queue: 'autopilot-strategies' });
    expect(res.body.services.broker).toMatchObject({ status: 'unreachable', url: stack.exchange.url });
  });

  it('keeps GET /health green: liveness does not depend on them', async () => {
    await stack.http().get('/health').expect(200, { status: 'ok' });
  });
});
