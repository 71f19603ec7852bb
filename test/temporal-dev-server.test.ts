import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { defineSearchAttributeKey, TypedSearchAttributes } from '@temporalio/common';
import { SEARCH_ATTRIBUTES } from '../libs/contracts/search-attributes';
import { findFreePort } from '../scripts/process/free-port';
import { stopChild } from '../scripts/process/stop-child';
import { findOnPath } from '../scripts/process/executable';
import { ensureTemporalCli, temporalCacheBinDir } from '../scripts/temporal-cli';
import { startTemporalDevServer, waitForTemporal, type TemporalDevServer } from '../scripts/temporal-dev-server';
import { listCustomSearchAttributes, normalizeType } from '../scripts/temporal-search-attributes';
import { startTestTemporalServer } from './support/temporal-test-server';

jest.setTimeout(120_000);

const strategyIdKey = defineSearchAttributeKey('StrategyId', 'KEYWORD');

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function withClient<T>(address: string, use: (client: Client) => Promise<T>): Promise<T> {
  const connection = await Connection.connect({ address });
  try {
    return await use(new Client({ connection, namespace: 'default' }));
  } finally {
    await connection.close();
  }
}

// No worker polls this queue: a started workflow just stays Running, which is all these tests need.
async function startIdleWorkflow(address: string, workflowId: string, strategyId: string): Promise<void> {
  await withClient(address, (client) =>
    client.workflow.start('strategyWorkflow', {
      taskQueue: 'dev-server-test',
      workflowId,
      typedSearchAttributes: new TypedSearchAttributes([{ key: strategyIdKey, value: strategyId }]),
    }),
  );
}

async function listWorkflowIds(address: string, query: string): Promise<string[]> {
  return withClient(address, async (client) => {
    const ids: string[] = [];
    for await (const execution of client.workflow.list({ query })) ids.push(execution.workflowId);
    return ids;
  });
}

async function expectAllSearchAttributes(binary: string, address: string): Promise<void> {
  const custom = await listCustomSearchAttributes(binary, address, 'default');
  for (const [name, type] of Object.entries(SEARCH_ATTRIBUTES)) {
    expect(normalizeType(custom[name] ?? 'missing')).toBe(normalizeType(type));
  }
}

describe('Temporal dev server tooling', () => {
  let binary: string;
  let dir: string;
  const servers: TemporalDevServer[] = [];

  beforeAll(async () => {
    binary = await ensureTemporalCli();
    dir = mkdtempSync(join(tmpdir(), 'autopilot-temporal-'));
  });

  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.stop()));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('ensureTemporalCli returns the cached build when no temporal is on PATH, without building', async () => {
    const env = { PATH: '/usr/bin:/bin', HOME: process.env.HOME, AUTOPILOT_CACHE_DIR: process.env.AUTOPILOT_CACHE_DIR };
    const expected = findOnPath('temporal', env) ?? join(temporalCacheBinDir(env), 'temporal');
    const log: string[] = [];
    const started = Date.now();
    await expect(ensureTemporalCli({ env, log: (line) => log.push(line), goFallbackPaths: [] })).resolves.toBe(expected);
    expect(log).toEqual([]);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('the global set-up server is reachable and has the search attributes', async () => {
    const address = process.env.TEMPORAL_TEST_ADDRESS;
    expect(address).toMatch(/^[\w.-]+:\d+$/);
    await waitForTemporal(address!, 5_000);
    await expectAllSearchAttributes(binary, address!);
  });

  it('keeps workflows and their search attributes across a restart on the same db file', async () => {
    const dbFile = join(dir, 'restart.db');
    const first = await startTestTemporalServer({ binary, dbFile });
    servers.push(first);
    await startIdleWorkflow(first.address, 'strategy-restart-1', 'restart-1');
    await first.stop();
    expect(isRunning(first.pid)).toBe(false);

    const second = await startTestTemporalServer({ binary, dbFile });
    servers.push(second);
    expect(await listWorkflowIds(second.address, 'WorkflowId = "strategy-restart-1"')).toEqual(['strategy-restart-1']);
    expect(await listWorkflowIds(second.address, 'StrategyId = "restart-1"')).toEqual(['strategy-restart-1']);
  });

  it('creates the missing search attributes on a db file made without them', async () => {
    const dbFile = join(dir, 'bare.db');
    const port = await findFreePort();
    const bare = spawn(binary, ['server', 'start-dev', '--headless', '--ip', '127.0.0.1', '--port', String(port),
      '--db-filename', dbFile, '--log-level', 'error'], { stdio: 'ignore' });
    try {
      await waitForTemporal(`127.0.0.1:${port}`, 60_000);
      expect(Object.keys(await listCustomSearchAttributes(binary, `127.0.0.1:${port}`, 'default'))).toEqual([]);
    } finally {
      await stopChild(bare);
    }

    const server = await startTestTemporalServer({ binary, dbFile });
    servers.push(server);
    await expectAllSearchAttributes(binary, server.address);
    await startIdleWorkflow(server.address, 'strategy-bare-1', 'bare-1');
    expect(await listWorkflowIds(server.address, 'StrategyId = "bare-1"')).toEqual(['strategy-bare-1']);
  });

  it('rejects at once with the server output when its port is taken', async () => {
    const blocker: Server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const before = Date.now();
    try {
      await expect(
        startTemporalDevServer({ binary, port, uiPort: false, namespace: 'default', readyTimeoutMs: 30_000 }),
      ).rejects.toThrow(/exited early \(code 1\):[\s\S]*address already in use/);
      // It fails on the server's exit, not by waiting out the readiness timeout.
      expect(Date.now() - before).toBeLessThan(15_000);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('serves the Web UI on the requested port and stop() ends the process', async () => {
    const port = await findFreePort();
    const uiPort = await findFreePort();
    const server = await startTemporalDevServer({ binary, port, uiPort, namespace: 'default' });
    servers.push(server);
    expect(server.uiUrl).toBe(`http://127.0.0.1:${uiPort}`);
    const response = await fetch(server.uiUrl!);
    expect(response.status).toBe(200);
    await server.stop();
    expect(isRunning(server.pid)).toBe(false);
    await expect(server.exited).resolves.toBeDefined();
  });
});
