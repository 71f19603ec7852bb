import type { Client } from '@temporalio/client';
import { writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { ensureTemporalCli } from '../scripts/temporal-cli';
import { Worker } from '@temporalio/worker';
import { ApplicationFailure } from '@temporalio/common';
import type { ExecutionResult } from '../libs/contracts';
import type { ExecuteStrategyInput } from '../activities/strategy-execution/execute-strategy.activity';
import type { StrategyWorkflowClient } from '../libs/scheduling/strategy-workflow-client';
import { eventually, temporalTestAddress } from './support/temporal';
import { testWorkflowBundle } from './support/workflow-bundle';
import { startWorkflowTestWorker, type WorkflowTestWorker } from './support/workflow-test-worker';
import { REPLAY_FIXTURE } from './support/replay-fixture';

/** Drives strategyWorkflow on the real dev server with an in-memory executeStrategy. */
describe('strategyWorkflow', () => {
  let testWorker: WorkflowTestWorker;
  let client: Client;
  let workflows: StrategyWorkflowClient;
  const calls: ExecuteStrategyInput[] = [];
  const failures = new Map<string, Error>();
  /** Strategies whose runs take this long, and the most runs of each seen in flight at once. */
  const runDelaysMs = new Map<string, number>();
  const inFlight = new Map<string, number>();
  const maxInFlight = new Map<string, number>();

  async function executeStrategy(input: ExecuteStrategyInput): Promise<ExecutionResult> {
    calls.push(input);
    const failure = failures.get(input.strategyId);
    if (failure) throw failure;
    const delayMs = runDelaysMs.get(input.strategyId);
    if (delayMs) {
      const running = (inFlight.get(input.strategyId) ?? 0) + 1;
      inFlight.set(input.strategyId, running);
      maxInFlight.set(input.strategyId, Math.max(maxInFlight.get(input.strategyId) ?? 0, running));
      await new Promise((r) => setTimeout(r, delayMs));
      inFlight.set(input.strategyId, running - 1);
    }
    return {
      strategy_id: input.strategyId,
      run_number: input.runNumber,
      trigger: input.trigger,
      action: 'hold',
      reason: `HOLD - waiting for signal (run ${input.runNumber})`,
      executed_at: new Date().toISOString(),
    };
  }

  const runsOf = (strategyId: string) => calls.filter((c) => c.strategyId === strategyId);

  beforeAll(async () => {
    // Failed runs are followed by settleUnit; these runs have no unit to settle.
    testWorker = await startWorkflowTestWorker({ executeStrategy, settleUnit: async () => undefined });
    ({ client, workflows } = testWorker);
  }, 120_000);

  afterAll(() => testWorker?.close());

  it('runs on its interval, numbering runs, and publishes the next run time', async () => {
    const strategyId = `wf-interval-${Date.now()}`;
    await workflows.start({ strategyId, userId: 'u1', strategyType: 'dca', intervalSeconds: 1 });
    await eventually(async () => runsOf(strategyId).length >= 3, 15_000);
    expect(runsOf(strategyId).slice(0, 3).map((c) => c.runNumber)).toEqual([1, 2, 3]);
    expect(runsOf(strategyId).every((c) => c.trigger === 'scheduled')).toBe(true);

    const status = await workflows.status(strategyId);
    expect(status.runCount).toBeGreaterThanOrEqual(3);
    expect(status.lastResult?.action).toBe('hold');

    const listed = await eventually(async () => (await workflows.listRunning('u1')).find((w) => w.strategyId === strategyId && w.nextRunTime));
    expect(listed.strategyType).toBe('dca');
    expect(listed.nextRunTime!.getTime()).toBeGreaterThan(Date.now() - 5_000);

    expect(await workflows.stop(strategyId)).toBe(true);
    await eventually(async () => !(await workflows.isRunning(strategyId)), 5_000);
    const countAfterStop = runsOf(strategyId).length;
    await new Promise((r) => setTimeout(r, 1_500));
    expect(runsOf(strategyId).length).toBe(countAfterStop);
  }, 40_000);

  it('executes on demand through an update that returns the result, without moving the schedule', async () => {
    const strategyId = `wf-manual-${Date.now()}`;
    await workflows.start({ strategyId, userId: 'u2', strategyType: 'momentum_breakout', intervalSeconds: 3600 });
    const first = await workflows.executeNow(strategyId, 'initial');
    const second = await workflows.executeNow(strategyId);
    expect(first).toMatchObject({ strategy_id: strategyId, run_number: 1, trigger: 'initial', action: 'hold' });
    expect(second).toMatchObject({ run_number: 2, trigger: 'manual' });
    const status = await workflows.status(strategyId);
    expect(new Date(status.nextRunTime!).getTime()).toBeGreaterThan(Date.now() + 3_000_000);
    await workflows.stop(strategyId);
  }, 30_000);

  it('runs manual executes that arrive together one at a time, and the history replays', async () => {
    const strategyId = `wf-overlap-${Date.now()}`;
    runDelaysMs.set(strategyId, 300);
    await workflows.start({ strategyId, userId: 'u8', strategyType: 'dca', intervalSeconds: 3600 });
    const results = await Promise.all([1, 2, 3].map(() => workflows.executeNow(strategyId)));
    expect(results.map((r) => r.run_number).sort()).toEqual([1, 2, 3]);
    expect(maxInFlight.get(strategyId)).toBe(1);
    await workflows.stop(strategyId);
    // The waiters that one release woke together recorded the step-lock patch: it replays.
    const handle = client.workflow.getHandle(`strategy-${strategyId}`);
    await eventually(async () => (await handle.describe()).status.name === 'CANCELLED');
    await Worker.runReplayHistory({ workflowBundle: await testWorkflowBundle() }, await handle.fetchHistory(), `strategy-${strategyId}`);
  }, 30_000);

  it('reschedules when the interval changes', async () => {
    const strategyId = `wf-resched-${Date.now()}`;
    await workflows.start({ strategyId, userId: 'u3', strategyType: 'dca', intervalSeconds: 3600 });
    await workflows.changeInterval(strategyId, 1);
    await eventually(async () => runsOf(strategyId).length >= 1, 10_000);
    await workflows.stop(strategyId);
  }, 30_000);

  it('keeps its schedule when a run fails, and ends when the strategy is gone', async () => {
    const strategyId = `wf-fail-${Date.now()}`;
    failures.set(strategyId, ApplicationFailure.nonRetryable('Alpaca credentials not found', 'CredentialsNotFoundError'));
    await workflows.start({ strategyId, userId: 'u4', strategyType: 'dca', intervalSeconds: 1 });
    const failed = await workflows.executeNow(strategyId);
    expect(failed).toMatchObject({ action: 'error', error: 'Alpaca credentials not found' });
    await eventually(async () => runsOf(strategyId).length >= 3, 15_000);
    // Non-retryable: each run is one attempt, so run numbers do not repeat.
    const numbers = runsOf(strategyId).map((c) => c.runNumber);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(await workflows.isRunning(strategyId)).toBe(true);

    failures.set(strategyId, ApplicationFailure.nonRetryable('strategy is inactive', 'StrategyInactiveError'));
    await eventually(async () => !(await workflows.isRunning(strategyId)), 10_000);
    const description = await client.workflow.getHandle(`strategy-${strategyId}`).describe();
    expect(description.status.name).toBe('COMPLETED');
  }, 40_000);

  it('records a history that replays deterministically (and refreshes the replay fixture on request)', async () => {
    const strategyId = `wf-replay-${Date.now()}`;
    await workflows.start({ strategyId, userId: 'u6', strategyType: 'dca', intervalSeconds: 1 });
    await workflows.executeNow(strategyId);
    await workflows.changeInterval(strategyId, 2);
    await eventually(async () => runsOf(strategyId).length >= 3, 15_000);
    await workflows.stop(strategyId);
    const handle = client.workflow.getHandle(`strategy-${strategyId}`);
    await eventually(async () => (await handle.describe()).status.name === 'CANCELLED');
    const history = await handle.fetchHistory();
    await Worker.runReplayHistory({ workflowBundle: await testWorkflowBundle() }, history, `strategy-${strategyId}`);
    if (process.env.RECORD_WORKFLOW_HISTORY === '1') {
      // The CLI's JSON is the format runReplayHistory reads back (historyFromJSON).
      const cli = await ensureTemporalCli();
      const json = execFileSync(cli, ['workflow', 'show', '--workflow-id', `strategy-${strategyId}`, '--output', 'json', '--address', temporalTestAddress()]);
      writeFileSync(REPLAY_FIXTURE, json);
    }
  }, 40_000);

  it('continues as new with its run counter and interval, so run numbers never repeat', async () => {
    const strategyId = `wf-can-${Date.now()}`;
    await workflows.start({ strategyId, userId: 'u7', strategyType: 'dca', intervalSeconds: 1, runsPerExecution: 2 });
    await eventually(async () => runsOf(strategyId).length >= 5, 20_000);
    const numbers = runsOf(strategyId).map((c) => c.runNumber);
    expect(numbers.slice(0, 5)).toEqual([1, 2, 3, 4, 5]);
    // Each execution ran two runs, then handed over: several executions share the workflow id.
    await eventually(async () => {
      let executions = 0;
      for await (const info of client.workflow.list({ query: `WorkflowId = 'strategy-${strategyId}'` })) {
        if (info.status.name === 'CONTINUED_AS_NEW') executions += 1;
      }
      return executions >= 2;
    }, 10_000);
    expect((await workflows.status(strategyId)).runCount).toBeGreaterThanOrEqual(5);
    await workflows.stop(strategyId);
  }, 40_000);

  it('does not start a second workflow for the same strategy', async () => {
    const strategyId = `wf-dup-${Date.now()}`;
    expect(await workflows.start({ strategyId, userId: 'u5', strategyType: 'dca', intervalSeconds: 3600 })).toBe(true);
    expect(await workflows.start({ strategyId, userId: 'u5', strategyType: 'dca', intervalSeconds: 3600 })).toBe(false);
    await workflows.stop(strategyId);
  });
});
