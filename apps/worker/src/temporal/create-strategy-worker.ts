import * as path from 'node:path';
import { existsSync } from 'node:fs';
import { NativeConnection, Worker, type WorkflowBundleOption } from '@temporalio/worker';
import { STRATEGY_TASK_QUEUE } from '../../../../libs/contracts';
import type { WorkerActivities } from './build-strategy-activities';

export interface StrategyWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  activities: Partial<WorkerActivities>;
  taskQueue?: string;
  /** A prebuilt bundle (see scripts/bundle-workflows.ts); when absent the worker bundles at start. */
  workflowBundle?: WorkflowBundleOption;
}

// Same relative layout in the source tree (ts-jest) and in dist/ (node), so one path serves both.
const WORKFLOWS_ENTRY = path.resolve(__dirname, '../../../../workflows/index');
const PREBUILT_BUNDLE = path.resolve(__dirname, '../../../../workflow-bundle.js');

export async function createStrategyWorker(options: StrategyWorkerOptions): Promise<Worker> {
  const bundle = options.workflowBundle ?? (existsSync(PREBUILT_BUNDLE) ? { codePath: PREBUILT_BUNDLE } : undefined);
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue ?? STRATEGY_TASK_QUEUE,
    activities: options.activities,
    ...(bundle ? { workflowBundle: bundle } : { workflowsPath: require.resolve(WORKFLOWS_ENTRY) }),
  });
}

export { WORKFLOWS_ENTRY };
