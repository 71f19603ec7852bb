import type { Client } from '@temporalio/client';
import type { NativeConnection } from '@temporalio/worker';
import { createStrategyWorker, type StrategyWorkerOptions } from '../../apps/worker/src/temporal/create-strategy-worker';
import { StrategyWorkflowClient } from '../../libs/scheduling/strategy-workflow-client';
import { connectTemporal } from './temporal';
import { testWorkflowBundle } from './workflow-bundle';

export interface WorkflowTestWorker {
  client: Client;
  workflows: StrategyWorkflowClient;
  close(): Promise<void>;
}

/**
 * The real workflows on the test server, on a task queue of their own, with the given in-memory
 * activities: for tests of workflow behaviour without a database or a broker.
 */
export async function startWorkflowTestWorker(activities: StrategyWorkerOptions['activities']): Promise<WorkflowTestWorker> {
  const temporal = await connectTemporal();
  const worker = await createStrategyWorker({
    connection: temporal.nativeConnection as NativeConnection,
    namespace: 'default',
    taskQueue: temporal.taskQueue,
    activities,
    workflowBundle: await testWorkflowBundle(),
  });
  const running = worker.run();
  return {
    client: temporal.client,
    workflows: new StrategyWorkflowClient(temporal.client, temporal.taskQueue),
    async close() {
      worker.shutdown();
      await running;
      await temporal.close();
    },
  };
}
