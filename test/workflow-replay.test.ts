import { readFileSync } from 'node:fs';
import { Worker } from '@temporalio/worker';
import { GRID_REPLAY_FIXTURE, REPLAY_FIXTURE } from './support/replay-fixture';
import { testWorkflowBundle } from './support/workflow-bundle';

/**
 * Replays a recorded strategyWorkflow history (scheduled runs, a manual update, an interval
 * signal, cancellation) against the current workflow code. A change that would break running
 * workflows fails here: version it with patched() instead. Re-record with
 * RECORD_WORKFLOW_HISTORY=1 only for a deliberate, compatible change.
 */
describe('strategyWorkflow replay', () => {
  it('replays the recorded history without nondeterminism', async () => {
    const history = JSON.parse(readFileSync(REPLAY_FIXTURE, 'utf8'));
    await expect(
      Worker.runReplayHistory({ workflowBundle: await testWorkflowBundle() }, history, 'strategy-replay-fixture'),
    ).resolves.toBeUndefined();
  }, 120_000);
});

describe('gridStrategyWorkflow replay', () => {
  it('replays the recorded history without nondeterminism', async () => {
    const history = JSON.parse(readFileSync(GRID_REPLAY_FIXTURE, 'utf8'));
    await expect(Worker.runReplayHistory({ workflowBundle: await testWorkflowBundle() }, history, 'grid-replay-fixture')).resolves.toBeUndefined();
  }, 120_000);
});
