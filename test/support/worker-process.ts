import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { AppConfig } from '../../libs/config';

const WORKER_ENTRY = path.resolve(__dirname, '../../dist/apps/worker/src/main.js');

/** The compiled worker as its own OS process (npm test builds dist/ first), for crash tests. */
export class WorkerProcess {
  private child?: ChildProcess;
  private output = '';

  constructor(
    private readonly config: AppConfig,
    private readonly extraEnv: Record<string, string> = {},
  ) {}

  async start(): Promise<void> {
    if (!existsSync(WORKER_ENTRY)) throw new Error(`${WORKER_ENTRY} is missing: run npm run build (npm test does)`);
    const { config } = this;
    const child = spawn(process.execPath, [WORKER_ENTRY], {
      env: {
        PATH: process.env.PATH,
        DATA_DIR: config.dataDir,
        ...(config.database.kind === 'postgres' ? { DATABASE_URL: config.database.databaseUrl } : {}),
        ENCRYPTION_KEY: config.encryptionKey.toString('hex'),
        TEMPORAL_ADDRESS: config.temporal.address!,
        TEMPORAL_NAMESPACE: config.temporal.namespace,
        TEMPORAL_TASK_QUEUE: config.temporal.taskQueue,
        ALPACA_TRADING_URL: config.alpaca.tradingUrl,
        ALPACA_DATA_URL: config.alpaca.dataUrl,
        ALPACA_STREAM_URL: config.alpaca.streamUrl,
        ALPACA_RATE_LIMIT: 'off',
        LOG_LEVEL: 'info',
        ...this.extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const started = new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        this.output += chunk.toString();
        if (this.output.includes('Worker started')) resolve();
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => reject(new Error(`worker exited with ${code} before it started:\n${this.output}`)));
    });
    await withTimeout(started, 90_000, () => `worker did not start within 90 s:\n${this.output}`);
  }

  /** kill -9: no shutdown hook runs, in-flight activities are abandoned mid-way. */
  async kill(): Promise<void> {
    await this.stop('SIGKILL');
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
    // 'close' (not 'exit') fires after stdout/stderr are drained, so logs are complete.
    const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
    child.kill(signal);
    this.child = undefined;
    return withTimeout(exited, 30_000, () => `worker ignored ${signal}`);
  }

  get logs(): string {
    return this.output;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: () => string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message())), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
