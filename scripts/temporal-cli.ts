import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { findOnPath, isExecutableFile, runCommand } from './process/executable';

/**
 * The one place the Temporal CLI version is pinned. v1.5.1 is the newest tag `go install` accepts
 * (later tags carry a `replace` directive); it embeds Server 1.29.1 and Web UI 2.42.1.
 */
export const TEMPORAL_CLI_VERSION = 'v1.5.1';
export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal';
// go.mod of cli v1.5.1 declares `go 1.25.0`; with GOTOOLCHAIN=local an older Go cannot build it.
const MIN_GO_MINOR = 25;

export interface TemporalCliOptions {
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  /** Where to look for `go` when it is not on PATH (the official tarball's location by default). */
  goFallbackPaths?: readonly string[];
}

// Non-login shells often lack the official tarball's bin directory on PATH.
const DEFAULT_GO_FALLBACKS = ['/usr/local/go/bin/go'];

/** Where the CLI is cached: outside the checkout so a fresh clone (CI) reuses it. */
export function temporalCacheBinDir(env: NodeJS.ProcessEnv = process.env): string {
  const cacheDir = env.AUTOPILOT_CACHE_DIR || join(env.HOME || homedir(), '.cache', 'autopilot');
  return join(cacheDir, 'bin');
}

/**
 * Returns the path of a working `temporal` binary: the one on PATH, else the cached build, else
 * builds it once with `go install` into the cache (several minutes on 2 cores).
 */
export async function ensureTemporalCli(options: TemporalCliOptions = {}): Promise<string> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));

  const onPath = findOnPath('temporal', env);
  if (onPath !== undefined) {
    if (await cliRuns(onPath, env)) return onPath;
    log(`Ignoring ${onPath}: \`temporal --version\` failed.`);
  }

  const binDir = temporalCacheBinDir(env);
  const cached = join(binDir, 'temporal');
  if (isExecutableFile(cached) && (await cliRuns(cached, env))) return cached;

  await buildTemporalCli(binDir, env, log, options.goFallbackPaths ?? DEFAULT_GO_FALLBACKS);
  if (!(await cliRuns(cached, env))) {
    throw new Error(`go install finished but ${cached} does not run (\`temporal --version\` failed).`);
  }
  return cached;
}

async function cliRuns(binary: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  return (await runCommand(binary, ['--version'], { env, timeoutMs: 20_000 })).ok;
}

async function buildTemporalCli(
  binDir: string,
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
  goFallbackPaths: readonly string[],
): Promise<void> {
  const go = findOnPath('go', env) ?? goFallbackPaths.find(isExecutableFile);
  if (go === undefined) throw new Error(missingGoMessage(binDir, 'Go is not installed (no `go` on PATH)'));
  const version = /go1\.(\d+)(\.\d+)?/.exec((await runCommand(go, ['version'], { env })).stdout);
  if (version !== null && Number(version[1]) < MIN_GO_MINOR) {
    throw new Error(missingGoMessage(binDir, `${go} is ${version[0]}, too old (Go 1.${MIN_GO_MINOR}+ needed)`));
  }

  mkdirSync(binDir, { recursive: true });
  const target = `${TEMPORAL_CLI_MODULE}@${TEMPORAL_CLI_VERSION}`;
  log(`Building the Temporal CLI ${TEMPORAL_CLI_VERSION} with go install (first run only, several minutes)...`);
  log(`  GOBIN=${binDir} CGO_ENABLED=0 GOTOOLCHAIN=local ${go} install -v ${target}`);
  const started = Date.now();
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(go, ['install', '-v', target], {
      env: { ...env, GOBIN: binDir, CGO_ENABLED: '0', GOTOOLCHAIN: 'local' },
      // go prints each package as it compiles it (-v): that is the progress the user sees.
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.once('error', reject);
    child.once('exit', (exitCode) => resolve(exitCode));
  });
  if (code !== 0) {
    throw new Error(
      `go install ${target} failed (exit code ${code}). Check network access to the Go module proxy ` +
        `(GOPROXY), or set TEMPORAL_ADDRESS to use an existing Temporal server.`,
    );
  }
  log(`Built the Temporal CLI in ${Math.round((Date.now() - started) / 1000)} s: ${join(binDir, 'temporal')}`);
}

function missingGoMessage(binDir: string, reason: string): string {
  return [
    `The Temporal CLI is not on PATH nor cached in ${binDir}, and it cannot be built: ${reason}.`,
    'Do one of:',
    `  - install Go 1.${MIN_GO_MINOR}+ (https://go.dev/doc/install), then run \`npm run setup:temporal\`;`,
    '  - put a `temporal` binary on PATH (https://docs.temporal.io/cli);',
    '  - set TEMPORAL_ADDRESS=host:port to use a Temporal server you already run.',
  ].join('\n');
}
