import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';

/**
 * Part of `npm run build`: bundles the compiled workflows once (dist/workflow-bundle.js) so the
 * worker starts in a second instead of running webpack at every start.
 */
async function main(): Promise<void> {
  const dist = path.resolve(__dirname, '..');
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve(path.join(dist, 'workflows', 'index')),
    logger: { trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error, log() {} },
  });
  writeFileSync(path.join(dist, 'workflow-bundle.js'), code);
}

main().catch((err) => {
  console.error('Bundling the workflows failed:', err);
  process.exit(1);
});
