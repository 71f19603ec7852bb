import type { ChildProcess } from 'node:child_process';
import { guardedSpawn } from '../process/guarded-spawn';
import { forEachLine } from '../process/line-splitter';
import { OutputTail } from '../process/output-tail';
import { childExited, stopChild, type ChildExit } from '../process/stop-child';

export interface ChildAppSpec {
  /** Short name used in the output tag and in messages: temporal, exchange, worker, api. */
  name: string;
  file: string;
  args: readonly string[];
  env: NodeJS.ProcessEnv;
  /** How long a graceful stop may take before SIGKILL. */
  graceMs: number;
}

/**
 * A process the launcher runs, behind the parent-death guard and in its own process group: a
 * terminal's Ctrl-C reaches only the launcher, which stops the apps in reverse start order, and if
 * the launcher itself is killed the guards stop the apps.
 */
export class ChildApp {
  readonly exited: Promise<ChildExit>;
  readonly startedAt = Date.now();
  private readonly guard: ChildProcess;
  private readonly tail = new OutputTail();
  private readonly listeners: Array<(line: string) => void> = [];
  private stopping = false;

  constructor(
    readonly spec: ChildAppSpec,
    print: (name: string, line: string) => void,
  ) {
    this.guard = guardedSpawn(spec.file, spec.args, { env: spec.env, detached: true, graceMs: spec.graceMs });
    this.exited = childExited(this.guard);
    const onLine = (line: string): void => {
      this.tail.push(line);
      if (!this.stopping) print(spec.name, line);
      for (const listener of this.listeners) listener(line);
    };
    forEachLine(this.guard.stdout!, onLine);
    forEachLine(this.guard.stderr!, onLine);
  }

  get name(): string {
    return this.spec.name;
  }

  /** True once stop() or kill() was called: an exit after that is expected, not a crash. */
  get isStopping(): boolean {
    return this.stopping;
  }

  onLine(listener: (line: string) => void): void {
    this.listeners.push(listener);
  }

  lastOutput(): string {
    return this.tail.text();
  }

  /** SIGTERM (the guard forwards it), SIGKILL after the grace period. */
  async stop(): Promise<ChildExit> {
    this.stopping = true;
    return stopChild(this.guard, this.spec.graceMs + 5_000);
  }

  /** Kills the whole process group at once (the user pressed Ctrl-C twice). */
  kill(): void {
    this.stopping = true;
    if (this.guard.pid === undefined) return;
    try {
      process.kill(-this.guard.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}
