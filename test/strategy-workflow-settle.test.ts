import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { Worker } from '@temporalio/worker';
import type { ExecutionResult } from '../libs/contracts';
import type { ExecuteStrategyInput } from '../activities/strategy-execution/execute-strategy.activity';
import type { SettleUnitInput } from '../activities/strategy-execution/unit/settle-unit.activity';
import { eventually } from './support/temporal';
import { testWorkflowBundle } from './support/workflow-bundle';
import { startWorkflowTestWorker, type WorkflowTestWorker } from './support/workflow-test-worker';

/**
 * strategyWorkflow on the real dev server: a run that ends unfinished (failed for good, or
 * cancelled in flight) is followed by settleUnit for that run, so a half-placed unit is unwound.
 */
describe('strategyWorkflow settles the unit of a run that ended unfinished', () => {
  let testWorker: WorkflowTestWorker;
  const executions: ExecuteStrategyInput[] = [];
  const settles: SettleUnitInput[] = [];
  /** What happened, in order: a run's executeStrategy ending, settleUnit starting. */
  const events: string[] = [];
  /** How executeStrategy behaves per strategy: fail for good, or run until cancelled. */
  const behaviour = new Map<string, 'fail' | 'hang'>();

  async function executeStrategy(input: ExecuteStrategyInput): Promise<ExecutionResult> {
    executions.push(input);
    if (behaviour.get(input.strategyId) === 'fail') throw ApplicationFailure.nonRetryable('leg 2: broker unavailable', 'BrokerUnavailableError');
    try {
      return await runUntilCancelled();
    } finally {
      events.push(`executeStrategy ${input.strategyId} ended`);
    }
  }

  async function settleUnit(input: SettleUnitInput): Promise<ExecutionResult | undefined> {
    settles.push(input);
    events.push(`settleUnit ${input.strategyId}`);
    return {
      strategy_id: input.strategyId,
      run_number: input.runNumber,
      trigger: input.trigger ?? 'scheduled',
      action: 'hold',
      reason: 'HOLD - pairs_trading unit failed on leg 2 of 2 (...); unwound leg 1 (sold 10 MSFT)',
      executed_at: new Date().toISOString(),
    };
  }

  const settlesOf = (strategyId: string) => settles.filter((s) => s.strategyId === strategyId);
  const eventsOf = (strategyId: string) => events.filter((e) => e.endsWith(` ${strategyId}`) || e.includes(` ${strategyId} `));
  const executionsOf = (strategyId: string) => executions.filter((e) => e.strategyId === strategyId);

  beforeAll(async () => {
    testWorker = await startWorkflowTestWorker({ executeStrategy, settleUnit });
  }, 120_000);

  afterAll(() => testWorker?.close());

  async function closedStatus(strategyId: string): Promise<string> {
    const handle = testWorker.client.workflow.getHandle(`strategy-${strategyId}`);
    return eventually(async () => {
      const status = (await handle.describe()).status.name;
      return status === 'RUNNING' ? undefined : status;
    }, 30_000);
  }

  it('settles a run whose executeStrategy failed for good, and records the settled hold as the run result', async () => {
    const strategyId = `wf-settle-fail-${Date.now()}`;
    behaviour.set(strategyId, 'fail');
    await testWorker.workflows.start({ strategyId, userId: 'u1', strategyType: 'pairs_trading', intervalSeconds: 3600 });

    const result = await testWorker.workflows.executeNow(strategyId);

    expect(settlesOf(strategyId)).toEqual([{ strategyId, runNumber: 1, trigger: 'manual' }]);
    expect(result).toMatchObject({ run_number: 1, action: 'hold', reason: expect.stringContaining('unwound leg 1') });
    expect((await testWorker.workflows.status(strategyId)).lastResult?.action).toBe('hold');
    await testWorker.workflows.stop(strategyId);
  }, 30_000);

  it('settles the scheduled run in flight when the workflow is cancelled, before the workflow ends', async () => {
    const strategyId = `wf-settle-stop-${Date.now()}`;
    behaviour.set(strategyId, 'hang');
    await testWorker.workflows.start({ strategyId, userId: 'u2', strategyType: 'pairs_trading', intervalSeconds: 1 });
    await eventually(async () => executionsOf(strategyId).length === 1);

    await testWorker.workflows.stop(strategyId);

    expect(await closedStatus(strategyId)).toBe('CANCELLED');
    expect(settlesOf(strategyId)).toEqual([{ strategyId, runNumber: 1, trigger: 'scheduled' }]);
    // Only once the attempt has stopped: it must not send a leg while its unit is being unwound.
    expect(eventsOf(strategyId)).toEqual([`executeStrategy ${strategyId} ended`, `settleUnit ${strategyId}`]);
  }, 40_000);

  it('settles a manual run in flight when the workflow is cancelled while it sleeps', async () => {
    const strategyId = `wf-settle-manual-${Date.now()}`;
    behaviour.set(strategyId, 'hang');
    await testWorker.workflows.start({ strategyId, userId: 'u3', strategyType: 'pairs_trading', intervalSeconds: 3600 });
    const manual = testWorker.workflows.executeNow(strategyId).catch((err: unknown) => err);
    await eventually(async () => executionsOf(strategyId).length === 1);

    await testWorker.workflows.stop(strategyId);

    expect(await closedStatus(strategyId)).toBe('CANCELLED');
    expect(settlesOf(strategyId)).toEqual([{ strategyId, runNumber: 1, trigger: 'manual' }]);
    expect(eventsOf(strategyId)).toEqual([`executeStrategy ${strategyId} ended`, `settleUnit ${strategyId}`]);
    await manual;
    const history = await testWorker.client.workflow.getHandle(`strategy-${strategyId}`).fetchHistory();
    await Worker.runReplayHistory({ workflowBundle: await testWorkflowBundle() }, history, `strategy-${strategyId}`);
  }, 40_000);
});

// Heartbeats so the worker hears of the cancellation, then reports the activity cancelled.
async function runUntilCancelled(): Promise<never> {
  const context = Context.current();
  const beat = setInterval(() => context.heartbeat(), 200);
  try {
    await context.cancelled;
  } finally {
    clearInterval(beat);
  }
  throw new Error('unreachable: the activity was cancelled');
}
