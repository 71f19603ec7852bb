import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { loadConfig, temporalAddress, type AppConfig } from '../../libs/config';
import { SEARCH_ATTRIBUTES } from '../../libs/contracts/search-attributes';
import { ensureTemporalCli } from '../temporal-cli';
import { startTemporalDevServer, waitForTemporal, type TemporalDevServer } from '../temporal-dev-server';
import { appEntry, missingEntries, type AppName } from './app-entries';
import { ChildApp } from './child-app';
import { describeExit, isCleanStop } from './exit-description';
import { dialHost, usesLocalExchange } from './local-exchange';
import type { OutputFormat } from './output-format';
import { findPortConflicts, type PortClaim } from './port-conflicts';
import { hasFreshPoller, httpAnswers, pollUntil } from './readiness';
import { formatSummary } from './summary';

// Seconds on a busy 2-core box: the worker bundles the workflow code with webpack before polling.
const READY_TIMEOUT_MS: Record<AppName, number> = { exchange: 60_000, worker: 180_000, api: 120_000 };
const APP_STOP_GRACE_MS = 10_000;

/**
 * `npm start`: the Temporal dev server (unless TEMPORAL_ADDRESS is set), then the paper exchange,
 * the worker and the API, each started only once the previous one is ready. Stops everything in
 * reverse order on a signal or when any part dies. run() resolves with the process exit code.
 */
export class Launcher {
  private config: AppConfig | undefined;
  private temporal: TemporalDevServer | undefined;
  private connection: Connection | undefined;
  private readonly apps: ChildApp[] = [];
  private readonly giveUp = new AbortController();
  private shutdown: Promise<number> | undefined;
  private finish: (code: number) => void = () => undefined;

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly output: OutputFormat,
    private readonly write: (text: string) => void,
  ) {}

  run(): Promise<number> {
    const done = new Promise<number>((resolve) => (this.finish = resolve));
    this.boot().catch((error: unknown) => this.fail(error instanceof Error ? error.message : String(error)));
    return done;
  }

  /** A signal: stop everything in order and exit 0. */
  stop(reason: string): Promise<number> {
    return this.stopAll(0, reason);
  }

  /** A second signal: no more waiting. */
  kill(): void {
    this.say('Killing every process now.');
    for (const app of this.apps) app.kill();
    this.temporal?.kill();
    this.finish(130);
  }

  private async boot(): Promise<void> {
    const config = loadConfig(this.env);
    this.config = config;
    mkdirSync(config.dataDir, { recursive: true });
    this.say(`Starting Autopilot; data directory ${config.dataDir}`);
    if (config.encryptionKeySource === 'generated') {
      this.say(`Generated an encryption key in ${join(config.dataDir, 'encryption.key')}: back it up, stored broker credentials need it.`);
    }
    const names: AppName[] = usesLocalExchange(config) ? ['exchange', 'worker', 'api'] : ['worker', 'api'];
    const missing = missingEntries(names);
    if (missing.length > 0) throw new Error(`Not built: ${missing.join(', ')}. Run \`npm run build\` (npm start does).`);
    const conflicts = await findPortConflicts(this.portClaims(config, names));
    if (conflicts.length > 0) throw new Error(`Cannot start:\n- ${conflicts.join('\n- ')}`);

    const address = await this.startTemporal(config);
    this.connection = await Connection.connect({ address });
    if (config.temporal.address !== undefined) await this.checkSearchAttributes(this.connection, address, config.temporal.namespace);
    const env = { ...this.env, TEMPORAL_ADDRESS: address, DATA_DIR: config.dataDir };
    for (const name of names) {
      if (this.shutdown !== undefined) return;
      await this.startApp(name, env, config);
    }
    if (this.shutdown !== undefined) return;
    this.write(
      formatSummary({
        config,
        temporalAddress: address,
        temporalUiUrl: this.temporal?.uiUrl,
        exchangeUrl: names.includes('exchange') ? `http://127.0.0.1:${config.exchange.port}` : undefined,
      }),
    );
  }

  private portClaims(config: AppConfig, names: readonly AppName[]): PortClaim[] {
    const claims: PortClaim[] = [];
    if (config.temporal.address === undefined) {
      claims.push(
        { port: config.temporal.port, host: '127.0.0.1', what: 'Temporal gRPC', envVar: 'TEMPORAL_PORT, or TEMPORAL_ADDRESS to use that server' },
        { port: config.temporal.uiPort, host: '127.0.0.1', what: 'Temporal Web UI', envVar: 'TEMPORAL_UI_PORT' },
      );
    }
    if (names.includes('exchange')) claims.push({ port: config.exchange.port, host: '127.0.0.1', what: 'paper exchange', envVar: 'EXCHANGE_PORT' });
    claims.push({ port: config.api.port, host: config.api.host, what: 'API', envVar: 'API_PORT' });
    return claims;
  }

  private async startTemporal(config: AppConfig): Promise<string> {
    if (config.temporal.address !== undefined) {
      this.say(`Using the Temporal server at ${config.temporal.address} (TEMPORAL_ADDRESS); waiting for it...`);
      await waitForTemporal(config.temporal.address, 60_000, { namespace: config.temporal.namespace, signal: this.giveUp.signal });
      return config.temporal.address;
    }
    const binary = await ensureTemporalCli({ log: (line) => this.say(line) });
    const dbFile = join(config.dataDir, 'temporal.db');
    this.say(`Starting the Temporal dev server (${binary}), state in ${dbFile}...`);
    const server = await startTemporalDevServer({
      binary,
      port: config.temporal.port,
      uiPort: config.temporal.uiPort,
      namespace: config.temporal.namespace,
      dbFile,
      detached: true,
      readyTimeoutMs: 90_000,
      onLine: (line) => this.print('temporal', line),
    });
    this.temporal = server;
    void server.exited.then((code) => {
      if (this.shutdown === undefined) this.fail(`the Temporal server exited unexpectedly (code ${code})`);
    });
    if (this.shutdown !== undefined) await server.stop();
    return temporalAddress(config);
  }

  /**
   * A server we did not start may lack the custom search attributes; every strategy workflow
   * upserts them, so say exactly what to run instead of letting workflow tasks fail later.
   */
  private async checkSearchAttributes(connection: Connection, address: string, namespace: string): Promise<void> {
    const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
    const missing = Object.entries(SEARCH_ATTRIBUTES).filter(([name]) => !(name in (customAttributes ?? {})));
    if (missing.length === 0) return;
    throw new Error(
      [
        `Namespace ${namespace} lacks the search attributes the strategy workflows upsert. Create them with:`,
        ...missing.map(([name, type]) => `  temporal operator search-attribute create --address ${address} --namespace ${namespace} --name ${name} --type ${type}`),
      ].join('\n'),
    );
  }

  private async startApp(name: AppName, env: NodeJS.ProcessEnv, config: AppConfig): Promise<void> {
    this.say(`Starting the ${name}...`);
    const app = new ChildApp(
      { name, file: process.execPath, args: [appEntry(name)], env, graceMs: APP_STOP_GRACE_MS },
      (tag, line) => this.print(tag, line),
    );
    this.apps.push(app);
    void app.exited.then((exit) => {
      if (!app.isStopping && this.shutdown === undefined) this.fail(`the ${name} exited unexpectedly with ${describeExit(exit)}`);
    });
    const ready = pollUntil(name, this.readinessCheck(app, config), {
      timeoutMs: READY_TIMEOUT_MS[name],
      signal: this.giveUp.signal,
    });
    try {
      await ready;
    } catch (error) {
      // The app died (already reported) or a signal came: the shutdown under way says why.
      if (this.shutdown !== undefined) return;
      throw error;
    }
  }

  private readinessCheck(app: ChildApp, config: AppConfig): () => Promise<boolean> {
    const name = app.name as AppName;
    if (name === 'exchange') {
      // Any HTTP answer means it is listening (the clock route may want credentials).
      return () => httpAnswers(`http://127.0.0.1:${config.exchange.port}/v2/clock`, () => true);
    }
    if (name === 'api') {
      return () => httpAnswers(`http://${dialHost(config.api.host)}:${config.api.port}/health`, (status) => status === 200);
    }
    let announced = false;
    app.onLine((line) => {
      if (/Worker started/.test(line)) announced = true;
    });
    const connection = this.connection!;
    return async () =>
      announced ||
      hasFreshPoller(connection, config.temporal.namespace, config.temporal.taskQueue, app.startedAt - 1_000);
  }

  private fail(message: string): void {
    if (this.shutdown !== undefined) return;
    this.writeError(message);
    void this.stopAll(1, 'Stopping everything');
  }

  private stopAll(code: number, reason: string): Promise<number> {
    this.shutdown ??= (async () => {
      this.giveUp.abort();
      if (this.apps.length > 0 || this.temporal !== undefined) this.say(`${reason}...`);
      for (const app of [...this.apps].reverse()) {
        const exit = await app.stop();
        this.say(`Stopped the ${app.name}${isCleanStop(exit) ? '' : ` (${describeExit(exit)})`}.`);
      }
      await this.connection?.close().catch(() => undefined);
      if (this.temporal !== undefined) {
        await this.temporal.stop();
        this.say('Stopped the Temporal server.');
      }
      this.finish(code);
      return code;
    })();
    return this.shutdown;
  }

  private print(name: string, line: string): void {
    for (const text of this.output.format(name, line)) this.write(`${text}\n`);
  }

  private say(message: string): void {
    for (const line of message.split('\n')) this.print('autopilot', line);
  }

  private writeError(message: string): void {
    this.say(`Error: ${message}`);
  }
}
