import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import type { Client } from '@temporalio/client';
import { ensureTemporalCli } from '../scripts/temporal-cli';
import { ApplicationFailure } from '@temporalio/common';
import { Worker } from '@temporalio/worker';
import type { ExecutionResult, OrderFillEvent } from '../libs/contracts';
import { strategyWorkflowId } from '../libs/contracts';
import type { CancelGridOrdersInput, HandleGridFillInput, ReconcileGridInput, SetupGridInput } from '../activities/grid/grid-activity.types';
import type { StrategyWorkflowClient } from '../libs/scheduling/strategy-workflow-client';
import { orderFilledSignal } from '../workflows/grid/grid.messages';
import { eventually, temporalTestAddress } from './support/temporal';
import { GRID_REPLAY_FIXTURE } from './support/replay-fixture';
import { testWorkflowBundle } from './support/workflow-bundle';
import { startWorkflowTestWorker, type WorkflowTestWorker } from './support/workflow-test-worker';

/** Drives gridStrategyWorkflow on the real dev server with in-memory grid activities. */
describe('gridStrategyWorkflow', () => {
  let testWorker: WorkflowTestWorker;
  let client: Client;
  let workflows: StrategyWorkflowClient;
  const setups: SetupGridInput[] = [];
  const answers: HandleGridFillInput[] = [];
  const reconciles: ReconcileGridInput[] = [];
  const cancels: CancelGridOrdersInput[] = [];
  const behaviour = new Map<string, { answerDelayMs?: number; failNextAnswer?: boolean; inactive?: boolean; resumed?: boolean; reconcileFills?: OrderFillEvent[] }>();
  let inFlight = 0;
  let maxInFlight = 0;

  const result = (strategyId: string, seq: number, reason: string): ExecutionResult => ({
    strategy_id: strategyId,
    run_number: seq,
    trigger: 'scheduled',
    action: 'hold',
    reason,
    executed_at: new Date().toISOString(),
  });

  const activities = {
    async setupGrid(input: SetupGridInput) {
      setups.push(input);
      return { result: { ...result(input.strategyId, input.seq, 'set up'), trigger: 'initial' as const, action: 'buy' as const }, resumed: behaviour.get(input.strategyId)?.resumed ?? false };
    },
    async handleGridFill(input: HandleGridFillInput) {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        const b = behaviour.get(input.strategyId);
        if (b?.answerDelayMs) await new Promise((r) => setTimeout(r, b.answerDelayMs));
        if (b?.inactive) throw ApplicationFailure.nonRetryable('strategy is inactive', 'StrategyInactiveError');
        if (b?.failNextAnswer) {
          b.failNextAnswer = false;
          throw ApplicationFailure.nonRetryable('broker refused', 'OrderRejectedError');
        }
        answers.push(input);
        return result(input.strategyId, input.seq, `answered ${input.fill.brokerOrderId}@${input.fill.filledQty}`);
      } finally {
        inFlight -= 1;
      }
    },
    async reconcileGrid(input: ReconcileGridInput) {
      reconciles.push(input);
      const fills = behaviour.get(input.strategyId)?.reconcileFills ?? [];
      return { result: result(input.strategyId, input.seq, 'reconciled'), fills };
    },
    async cancelGridOrders(input: CancelGridOrdersInput) {
      cancels.push(input);
      return 3;
    },
  };

  const fill = (strategyId: string, brokerOrderId: string, filledQty: number): OrderFillEvent => ({
    strategyId,
    brokerOrderId,
    clientOrderId: `cid-${brokerOrderId}`,
    side: 'buy',
    filledQty,
    filledAvgPrice: 100,
    final: true,
  });
  const answersOf = (strategyId: string) => answers.filter((a) => a.strategyId === strategyId);
  const signal = (strategyId: string, event: OrderFillEvent) => client.workflow.getHandle(strategyWorkflowId(strategyId)).signal(orderFilledSignal, event);
  const start = (strategyId: string, extra: { intervalSeconds?: number; runsPerExecution?: number; lastRunNumber?: number } = {}) =>
    workflows.start({ strategyId, userId: 'grid-user', strategyType: 'spot_grid', intervalSeconds: extra.intervalSeconds ?? 86_400, ...extra });

  beforeAll(async () => {
    testWorker = await startWorkflowTestWorker(activities);
    ({ client, workflows } = testWorker);
  }, 120_000);

  afterAll(() => testWorker?.close());

  it('sets up at once, numbers events after the last recorded run, and answers each fill once', async () => {
    const id = `grid-basic-${Date.now()}`;
    await start(id, { lastRunNumber: 7 });
    const initial = await workflows.executeNow(id, 'initial');
    expect(initial.reason).toBe('set up');
    expect(setups.filter((s) => s.strategyId === id).map((s) => s.seq)).toEqual([8]);

    await signal(id, fill(id, 'o1', 5));
    await signal(id, fill(id, 'o1', 5)); // duplicate
    await signal(id, fill(id, 'o1', 3)); // older than what was seen
    await signal(id, fill(id, 'o1', 10)); // the rest of a partial fill
    await signal(id, fill(id, 'o2', 1));
    await eventually(async () => answersOf(id).length >= 3);
    await new Promise((r) => setTimeout(r, 500));
    expect(answersOf(id).map((a) => [a.fill.brokerOrderId, a.fill.filledQty, a.seq])).toEqual([
      ['o1', 5, 9],
      ['o1', 10, 10],
      ['o2', 1, 11],
    ]);
    const status = await workflows.status(id);
    expect(status.runCount).toBe(3);
    expect(status.lastResult?.reason).toBe('answered o2@1');
    expect(await workflows.listRunning('grid-user')).toEqual(expect.arrayContaining([expect.objectContaining({ strategyId: id, strategyType: 'spot_grid' })]));
    await workflows.stop(id);

    // The history (set-up, signals, answers, cancellation) replays against the current code.
    const handle = client.workflow.getHandle(strategyWorkflowId(id));
    await eventually(async () => (await handle.describe()).status.name === 'CANCELLED');
    await Worker.runReplayHistory({ workflowBundle: await testWorkflowBundle() }, await handle.fetchHistory(), strategyWorkflowId(id));
    if (process.env.RECORD_WORKFLOW_HISTORY === '1') {
      const cli = await ensureTemporalCli();
      writeFileSync(GRID_REPLAY_FIXTURE, execFileSync(cli, ['workflow', 'show', '--workflow-id', strategyWorkflowId(id), '--output', 'json', '--address', temporalTestAddress()]));
    }
  }, 40_000);

  it('answers a burst one fill at a time, across continue-as-new, without losing or repeating one', async () => {
    const id = `grid-burst-${Date.now()}`;
    behaviour.set(id, { answerDelayMs: 150 });
    await start(id, { runsPerExecution: 2 });
    maxInFlight = 0;
    for (let i = 1; i <= 7; i++) await signal(id, fill(id, `b${i}`, 1));
    await eventually(async () => answersOf(id).length >= 7, 30_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(answersOf(id).map((a) => a.fill.brokerOrderId)).toEqual(['b1', 'b2', 'b3', 'b4', 'b5', 'b6', 'b7']);
    const seqs = answersOf(id).map((a) => a.seq);
    expect(new Set(seqs).size).toBe(7);
    expect(maxInFlight).toBe(1);
    const description = await client.workflow.getHandle(strategyWorkflowId(id)).describe();
    // fillsPerExecution 2: the burst was answered across several runs of one chain.
    expect(description.runId).not.toBe(description.raw.workflowExecutionInfo?.firstRunId);
    await workflows.stop(id);
  });

  it('lets a fill whose answer failed through again when it is signalled again', async () => {
    const id = `grid-retry-${Date.now()}`;
    behaviour.set(id, { failNextAnswer: true });
    await start(id);
    await signal(id, fill(id, 'r1', 2));
    await eventually(async () => (await workflows.status(id)).lastResult?.action === 'error');
    expect(answersOf(id)).toHaveLength(0);
    await signal(id, fill(id, 'r1', 2));
    await eventually(async () => answersOf(id).length === 1);
    await workflows.stop(id);
  });

  it('reconciles on its interval and answers the fills the reconcile found', async () => {
    const id = `grid-reconcile-${Date.now()}`;
    behaviour.set(id, { reconcileFills: [fill(id, 'missed', 4)] });
    await start(id, { intervalSeconds: 1 });
    await eventually(async () => reconciles.filter((r) => r.strategyId === id).length >= 2, 10_000);
    // Found twice, answered once.
    await eventually(async () => answersOf(id).length === 1);
    expect(answersOf(id)[0].fill.brokerOrderId).toBe('missed');
    expect(reconciles.find((r) => r.strategyId === id)!.trigger).toBe('scheduled');
    await workflows.stop(id);
  });

  it('a restarted grid resumes and reconciles at once; a manual execute reconciles', async () => {
    const id = `grid-resume-${Date.now()}`;
    behaviour.set(id, { resumed: true });
    await start(id);
    await eventually(async () => reconciles.some((r) => r.strategyId === id));
    const manual = await workflows.executeNow(id, 'manual');
    expect(manual.reason).toBe('reconciled');
    expect(reconciles.filter((r) => r.strategyId === id).map((r) => r.trigger)).toEqual(['scheduled', 'manual']);
    await workflows.stop(id);
  });

  it('cancels the grid orders at the broker when it is stopped', async () => {
    const id = `grid-stop-${Date.now()}`;
    await start(id);
    await eventually(async () => setups.some((s) => s.strategyId === id));
    expect(await workflows.stop(id)).toBe(true);
    await eventually(async () => !(await workflows.isRunning(id)));
    expect(cancels.filter((c) => c.strategyId === id)).toEqual([{ strategyId: id, userId: 'grid-user' }]);
    const description = await client.workflow.getHandle(strategyWorkflowId(id)).describe();
    expect(description.status.name).toBe('CANCELLED');
  });

  it('ends and cancels its orders when a step finds the strategy deactivated', async () => {
    const id = `grid-inactive-${Date.now()}`;
    behaviour.set(id, { inactive: true });
    await start(id);
    await signal(id, fill(id, 'i1', 1));
    const handle = client.workflow.getHandle(strategyWorkflowId(id));
    await eventually(async () => (await handle.describe()).status.name === 'COMPLETED');
    expect(cancels.filter((c) => c.strategyId === id)).toHaveLength(1);
  });
});
