import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

/**
 * A tiny Node program that runs the real command and stops it when its stdin closes. Our process
 * holds the other end of that pipe, so if we die in any way (SIGKILL, a jest timeout) the kernel
 * closes it and the command (a Go binary that would otherwise keep running, holding its ports and
 * SQLite file) is stopped: SIGTERM, then SIGKILL after the grace period. SIGTERM/SIGINT/SIGHUP to
 * the guard do the same; it exits with the command's exit code (128 + signal number if killed).
 */
const GUARD_SOURCE = `
const { spawn } = require('node:child_process');
const { constants } = require('node:os');
const [file, graceMs, ...args] = process.argv.slice(1);
let child;
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  child.kill('SIGTERM');
  setTimeout(() => child.kill('SIGKILL'), Number(graceMs)).unref();
};
// Handlers first: a SIGTERM that arrived between spawn() and their installation would kill the
// guard and orphan the command.
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, stop);
process.stdin.on('end', stop);
process.stdin.on('error', stop);
child = spawn(file, args, { stdio: ['ignore', 'inherit', 'inherit'] });
process.stdin.resume();
child.on('error', (error) => { process.stderr.write(error.message + '\\n'); process.exit(127); });
child.on('exit', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 0)));
`;

export interface GuardedSpawnOptions {
  env?: NodeJS.ProcessEnv;
  detached?: boolean;
  /** How long the guard waits after SIGTERM before it SIGKILLs the command. */
  graceMs?: number;
}

/**
 * Spawns file through the guard. stdout/stderr are pipes; stopping the returned process with
 * SIGTERM (see stopChild) stops the command gracefully.
 */
export function guardedSpawn(file: string, args: readonly string[], options: GuardedSpawnOptions = {}): ChildProcess {
  const spawnOptions: SpawnOptions = {
    env: options.env ?? process.env,
    detached: options.detached ?? false,
    stdio: ['pipe', 'pipe', 'pipe'],
  };
  const guard = spawn(process.execPath, ['-e', GUARD_SOURCE, file, String(options.graceMs ?? 10_000), ...args], spawnOptions);
  // The pipe must not keep our event loop alive; it only exists to be closed by our death.
  guard.stdin?.on('error', () => undefined);
  (guard.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  return guard;
}
