import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { WORKFLOWS_ENTRY } from '../../apps/worker/src/temporal/create-strategy-worker';

const ROOT = path.resolve(__dirname, '../..');
const SOURCES = ['workflows', 'libs/contracts'];

/**
 * The workflow bundle for tests, built once per source version and cached in the temp dir:
 * webpack takes seconds on two cores, and every test file needs a worker.
 */
export async function testWorkflowBundle(): Promise<{ codePath: string }> {
  const codePath = path.join(tmpdir(), `autopilot-workflows-${sourceHash()}.js`);
  if (!existsSync(codePath)) {
    const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve(WORKFLOWS_ENTRY), logger: quietLogger });
    writeFileSync(codePath, code);
  }
  return { codePath };
}

function sourceHash(): string {
  const hash = createHash('sha256');
  for (const dir of SOURCES) for (const file of listFiles(path.join(ROOT, dir))) hash.update(file).update(readFileSync(file));
  return hash.digest('hex').slice(0, 16);
}

function listFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? listFiles(full) : [full];
    });
}

const noop = () => undefined;
const quietLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: noop, log: noop };
