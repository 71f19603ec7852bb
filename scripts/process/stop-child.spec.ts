import { spawn } from 'node:child_process';
import { childExited, stopChild } from './stop-child';

describe('stopChild', () => {
  it('sends SIGTERM and resolves with the exit', async () => {
    const child = spawn('sleep', ['30']);
    expect(await stopChild(child, 5_000)).toEqual({ code: null, signal: 'SIGTERM' });
  });

  it('SIGKILLs a child that ignores SIGTERM once the grace period is over', async () => {
    const child = spawn('/bin/sh', ['-c', "trap '' TERM; echo ready; while :; do sleep 0.05; done"]);
    await new Promise((resolve) => child.stdout.once('data', resolve));
    const started = Date.now();
    expect(await stopChild(child, 300)).toEqual({ code: null, signal: 'SIGKILL' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
  });

  it('resolves at once for a child that already exited', async () => {
    const child = spawn('/bin/sh', ['-c', 'exit 4']);
    await childExited(child);
    expect(await stopChild(child, 5_000)).toEqual({ code: 4, signal: null });
  });
});
