import type { ChildProcess } from 'node:child_process';
import { guardedSpawn } from './guarded-spawn';
import { forEachLine } from './line-splitter';
import { childExited, stopChild } from './stop-child';

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve) => forEachLine(child.stdout!, resolve));
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntilGone(pid: number): Promise<void> {
  for (let i = 0; i < 100 && isRunning(pid); i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
}

// `exec` keeps the printed pid the pid of the long-running command.
const sleeper = ['-c', 'echo $$; exec sleep 60'];

describe('guardedSpawn', () => {
  it('stops the command when our end of its stdin closes (what happens when we die)', async () => {
    const guard = guardedSpawn('/bin/sh', sleeper);
    const pid = Number(await firstLine(guard));
    expect(isRunning(pid)).toBe(true);
    guard.stdin!.destroy();
    const exit = await childExited(guard);
    await waitUntilGone(pid);
    expect(isRunning(pid)).toBe(false);
    expect(exit.code).toBe(128 + 15);
  });

  it('forwards SIGTERM so stopChild stops the command gracefully', async () => {
    const guard = guardedSpawn('/bin/sh', sleeper);
    const pid = Number(await firstLine(guard));
    await stopChild(guard, 5_000);
    await waitUntilGone(pid);
    expect(isRunning(pid)).toBe(false);
  });

  it('SIGKILLs a command that ignores SIGTERM after the grace period', async () => {
    const guard = guardedSpawn('/bin/sh', ['-c', "trap '' TERM; echo $$; while :; do sleep 0.05; done"], { graceMs: 300 });
    const pid = Number(await firstLine(guard));
    const started = Date.now();
    await stopChild(guard, 5_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    await waitUntilGone(pid);
    expect(isRunning(pid)).toBe(false);
  });

  it.each([
    [['-c', 'exit 0'], 0],
    [['-c', 'exit 3'], 3],
    [['-c', 'kill -KILL $$'], 128 + 9],
  ])('exits like the command: sh %j -> %i', async (args, code) => {
    expect((await childExited(guardedSpawn('/bin/sh', args))).code).toBe(code);
  });

  it('reports a command that cannot be started', async () => {
    const guard = guardedSpawn('/nonexistent/temporal', []);
    const stderr: string[] = [];
    forEachLine(guard.stderr!, (line) => stderr.push(line));
    const stderrEnded = new Promise((resolve) => guard.stderr!.once('end', resolve));
    expect((await childExited(guard)).code).toBe(127);
    await stderrEnded;
    expect(stderr.join('\n')).toMatch(/ENOENT/);
  });
});
