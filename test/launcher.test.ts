import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort, isPortFree } from '../scripts/process/free-port';
import { forEachLine } from '../scripts/process/line-splitter';
import { childExited } from '../scripts/process/stop-child';

// `npm start` end to end: the compiled launcher (npm test builds first) starts the Temporal dev
// server, the paper exchange, the worker and the API, prints where they listen, and stops them
// all on SIGINT.

jest.setTimeout(180_000);

const root = join(__dirname, '..');
const launcher = join(root, 'dist', 'scripts', 'start.js');

interface Run {
  child: ChildProcess;
  output: string[];
  waitFor(pattern: RegExp, timeoutMs: number): Promise<void>;
}

function runLauncher(env: NodeJS.ProcessEnv): Run {
  const child = spawn(process.execPath, [launcher], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const waiters: Array<() => void> = [];
  const onLine = (line: string) => {
    output.push(line);
    for (const waiter of waiters) waiter();
  };
  forEachLine(child.stdout!, onLine);
  forEachLine(child.stderr!, onLine);
  return {
    child,
    output,
    waitFor: (pattern, timeoutMs) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms:\n${output.join('\n')}`)), timeoutMs);
        const check = () => {
          if (output.some((line) => pattern.test(line))) {
            clearTimeout(timer);
            resolve();
          }
        };
        waiters.push(check);
        void childExited(child).then(() => {
          check();
          clearTimeout(timer);
          reject(new Error(`launcher exited before ${pattern}:\n${output.join('\n')}`));
        });
        check();
      }),
  };
}

function baseEnv(overrides: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  // The launcher must start its own Temporal server here, whatever the calling shell has set.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(TEMPORAL_|API_|EXCHANGE_|ALPACA_|DATABASE_URL|DATA_DIR|ENCRYPTION_KEY)/.test(name)));
  return { ...env, LOG_LEVEL: 'warn', ...overrides };
}

describe('npm start (dist/scripts/start.js)', () => {
  let dataDir: string;

  beforeAll(() => {
    if (!existsSync(launcher)) throw new Error(`${launcher} is missing: run \`npm run build\` first (npm test does).`);
  });

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'autopilot-launcher-'));
  });

  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts every part, prints where each listens, and stops them all on SIGINT', async () => {
    const [apiPort, exchangePort, temporalPort, uiPort] = await Promise.all([findFreePort(), findFreePort(), findFreePort(), findFreePort()]);
    const run = runLauncher(
      baseEnv({
        DATA_DIR: dataDir,
        API_PORT: String(apiPort),
        EXCHANGE_PORT: String(exchangePort),
        TEMPORAL_PORT: String(temporalPort),
        TEMPORAL_UI_PORT: String(uiPort),
      }),
    );
    try {
      await run.waitFor(/Press Ctrl-C to stop everything/, 150_000);
      const summary = run.output.join('\n');
      expect(summary).toMatch(new RegExp(`API\\s+http://127\\.0\\.0\\.1:${apiPort}`));
      expect(summary).toMatch(new RegExp(`Temporal gRPC\\s+127\\.0\\.0\\.1:${temporalPort}`));
      expect(summary).toMatch(new RegExp(`Temporal Web UI\\s+http://127\\.0\\.0\\.1:${uiPort}`));
      expect(summary).toMatch(new RegExp(`Paper exchange\\s+http://127\\.0\\.0\\.1:${exchangePort}`));
      expect(summary).toContain(`SQLite ${join(dataDir, 'autopilot.db')}`);
      expect(existsSync(join(dataDir, 'temporal.db'))).toBe(true);
      expect((await fetch(`http://127.0.0.1:${apiPort}/health`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${uiPort}/`)).status).toBe(200);

      run.child.kill('SIGINT');
      expect(await childExited(run.child)).toEqual({ code: 0, signal: null });
      const shutdown = run.output.join('\n');
      expect(shutdown).toMatch(/Stopped the api\.[\s\S]*Stopped the worker\.[\s\S]*Stopped the exchange\.[\s\S]*Stopped the Temporal server\./);
      for (const port of [apiPort, exchangePort, temporalPort, uiPort]) expect({ port, free: await isPortFree(port) }).toEqual({ port, free: true });
    } finally {
      run.child.kill('SIGKILL');
    }
  });

  it('uses the server in TEMPORAL_ADDRESS and starts none itself', async () => {
    const [apiPort, exchangePort, temporalPort] = await Promise.all([findFreePort(), findFreePort(), findFreePort()]);
    const run = runLauncher(
      baseEnv({
        DATA_DIR: dataDir,
        API_PORT: String(apiPort),
        EXCHANGE_PORT: String(exchangePort),
        TEMPORAL_PORT: String(temporalPort),
        TEMPORAL_ADDRESS: process.env.TEMPORAL_TEST_ADDRESS,
        // Its own task queue: this worker must not pick up other test files' workflows.
        TEMPORAL_TASK_QUEUE: `launcher-test-${apiPort}`,
      }),
    );
    try {
      await run.waitFor(/Press Ctrl-C to stop everything/, 150_000);
      const output = run.output.join('\n');
      expect(output).toMatch(new RegExp(`Temporal gRPC\\s+${process.env.TEMPORAL_TEST_ADDRESS}`));
      expect(output).toMatch(/Temporal Web UI\s+served by your Temporal deployment/);
      expect(output).not.toMatch(/Starting the Temporal dev server/);
      expect(existsSync(join(dataDir, 'temporal.db'))).toBe(false);
      expect(await isPortFree(temporalPort)).toBe(true);
      run.child.kill('SIGTERM');
      expect(await childExited(run.child)).toEqual({ code: 0, signal: null });
    } finally {
      run.child.kill('SIGKILL');
    }
  });

  it('exits 1 listing every invalid variable, starting nothing', async () => {
    const run = runLauncher(baseEnv({ DATA_DIR: dataDir, API_PORT: 'abc', TEMPORAL_NAMESPACE: 'my ns' }));
    expect((await childExited(run.child)).code).toBe(1);
    const output = run.output.join('\n');
    expect(output).toContain('API_PORT must be an integer 1-65535, got "abc"');
    expect(output).toContain('TEMPORAL_NAMESPACE must not contain whitespace');
    expect(output).not.toMatch(/Starting the/);
  });

  it('exits 1 naming a port that is already taken and the variable that moves it', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as { port: number }).port;
    try {
      const run = runLauncher(baseEnv({ DATA_DIR: dataDir, TEMPORAL_PORT: String(taken), API_PORT: String(await findFreePort()) }));
      expect((await childExited(run.child)).code).toBe(1);
      expect(run.output.join('\n')).toContain(`port ${taken} (Temporal gRPC) is already in use on 127.0.0.1; stop what uses it or set TEMPORAL_PORT`);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
