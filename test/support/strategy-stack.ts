import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { brokerFactory } from '../../apps/worker/src/temporal/broker-factory';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import type { Broker } from '../../libs/broker/broker.port';
import type { AppConfig } from '../../libs/config';
import type { OrderFillEvent } from '../../libs/contracts';
import { BotOrder } from '../../libs/database/entities';
import { applyBrokerOrderUpdate } from '../../libs/order-fills';
import type { TestDatabaseKind } from '../../libs/database/testing/test-database';
import { startApiTestStack, type ApiTestStack } from './api-test-stack';
import { createPaperAccount, registerUser, type RegisteredUser } from './api-users';
import { connectTemporal } from './temporal';
import { testWorkflowBundle } from './workflow-bundle';

export interface StrategyTestStack extends ApiTestStack {
  temporal: Awaited<ReturnType<typeof connectTemporal>>;
  worker?: INestApplicationContext;
  /** Starts the in-process worker; `overrides` apply to its configuration only (e.g. its flags). */
  startWorker(overrides?: Partial<AppConfig>): Promise<void>;
  stopWorker(): Promise<void>;
}

/**
 * The whole system in one process, as a user meets it: paper exchange, database, API and worker
 * (Temporal worker + reconciler) against the real Temporal dev server, on a task queue of its own.
 */
export async function startStrategyTestStack(
  kind: TestDatabaseKind,
  options: { env?: Record<string, string>; inProcessWorker?: boolean } = {},
): Promise<StrategyTestStack> {
  const temporal = await connectTemporal();
  const api = await startApiTestStack(kind, { env: { TEMPORAL_TASK_QUEUE: `e2e-${randomUUID()}`, ...options.env } });
  const stack: StrategyTestStack = {
    ...api,
    temporal,
    async startWorker(overrides = {}) {
      stack.worker = await NestFactory.createApplicationContext(
        WorkerModule.forRoot({ config: { ...api.config, ...overrides }, dataSource: api.dataSource, workflowBundle: await testWorkflowBundle() }),
        { logger: false },
      );
      await stack.worker.init();
    },
    async stopWorker() {
      await stack.worker?.close();
      stack.worker = undefined;
    },
    async close() {
      await stack.stopWorker();
      await terminateStrategiesOf(stack);
      await api.close();
      await temporal.close();
    },
  };
  if (options.inProcessWorker !== false) await stack.startWorker();
  return stack;
}

/** Leaves no workflow of this stack running on the shared dev server. */
async function terminateStrategiesOf(stack: StrategyTestStack): Promise<void> {
  const query = `TaskQueue = '${stack.config.temporal.taskQueue}' AND ExecutionStatus = 'Running'`;
  for await (const info of stack.temporal.client.workflow.list({ query })) {
    await stack.temporal.client.workflow.getHandle(info.workflowId).terminate('test stack closed').catch(() => undefined);
  }
}

/** A registered user with a funded paper account connected through the API. */
export async function userWithPaperAccount(stack: ApiTestStack, cash = 100_000): Promise<RegisteredUser & { keyId: string; secretKey: string }> {
  const user = await registerUser(stack);
  const account = await createPaperAccount(stack, cash);
  await stack
    .http()
    .post('/api/accounts/alpaca')
    .set('Authorization', user.auth)
    .send({ environment: 'paper', key_id: account.key_id, secret_key: account.secret_key })
    .expect(201);
  return { ...user, keyId: account.key_id, secretKey: account.secret_key };
}

export type PaperUser = Awaited<ReturnType<typeof userWithPaperAccount>>;

/** The user's paper account behind the Broker port, built as the worker's activities build it. */
export function paperBrokerOf(stack: ApiTestStack, user: PaperUser): Broker {
  return brokerFactory(stack.config)({ kind: 'key', keyId: user.keyId, secretKey: user.secretKey, environment: 'paper' });
}

/** What the order-fill monitor does for one of the user's orders: read it at the broker, record it, return its fill event. */
export async function fillEventOf(stack: ApiTestStack, user: PaperUser, clientOrderId: string): Promise<OrderFillEvent> {
  const row = await stack.dataSource.getRepository(BotOrder).findOneByOrFail({ clientOrderId });
  const applied = await applyBrokerOrderUpdate(stack.dataSource, { order: await paperBrokerOf(stack, user).getOrder(row.brokerOrderId!) });
  if (!applied?.fillEvent) throw new Error(`order ${clientOrderId} has no fill to signal`);
  return applied.fillEvent;
}

export async function exchangeAdmin<T = unknown>(stack: ApiTestStack, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${stack.exchange.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** N quiet bars inside [99, 101] and a last bar that breaks out above them on heavy volume. */
export function breakoutBars(n = 20): Array<{ o: number; h: number; l: number; c: number; v: number }> {
  const quiet = Array.from({ length: n }, (_, i) => ({ o: 100, h: 101, l: 99, c: 100 + (i % 2 ? 0.5 : -0.5), v: 1_000 }));
  return [...quiet, { o: 100.5, h: 106, l: 100.4, c: 105, v: 5_000 }];
}
