import pino from 'pino';
import type { ScheduleRequest, ScheduledStrategy } from '../../../../libs/scheduling/strategy-workflow-client';
import type { TerminatedRun } from '../../../../libs/scheduling/termination-records';
import type { WorkflowRun } from '../../../../libs/scheduling/workflow-run';
import type { ActiveStrategy, ActiveStrategySource } from './active-strategy-source';
import { StrategyReconciler, type ReconcilerWorkflows } from './strategy-reconciler';

const DCA: ActiveStrategy = { id: 's-1', userId: 'u-1', name: 'Daily SPY', type: 'dca', intervalSeconds: 86_400 };

class FakeStrategies implements ActiveStrategySource {
  active = [DCA];
  readonly recorded: TerminatedRun[] = [];
  async listActive() {
    return this.active;
  }
  async isActive(id: string) {
    return this.active.some((s) => s.id === id);
  }
  async lastRunNumber() {
    return 7;
  }
  async isTerminationRecorded(strategyId: string, runId: string) {
    return this.recorded.some((r) => r.strategyId === strategyId && r.runId === runId);
  }
  async deactivateAfterTermination(run: TerminatedRun) {
    if (!(await this.isActive(run.strategyId))) return false;
    this.active = this.active.filter((s) => s.id !== run.strategyId);
    this.recorded.push(run);
    return true;
  }
}

class FakeWorkflows implements ReconcilerWorkflows {
  running: ScheduledStrategy[] = [];
  latest: WorkflowRun | undefined;
  readonly started: ScheduleRequest[] = [];
  async listRunning() {
    return this.running;
  }
  async start(request: ScheduleRequest) {
    this.started.push(request);
    return true;
  }
  async stop() {
    return true;
  }
  async latestRun() {
    return this.latest;
  }
  async terminationOf() {
    return { reason: 'emergency: runaway grid', identity: 'ops@bastion' };
  }
}

describe('StrategyReconciler and terminated workflows', () => {
  let strategies: FakeStrategies;
  let workflows: FakeWorkflows;
  let reconciler: StrategyReconciler;

  beforeEach(() => {
    strategies = new FakeStrategies();
    workflows = new FakeWorkflows();
    reconciler = new StrategyReconciler(strategies, workflows, pino({ level: 'silent' }));
  });

  it.each<[string, WorkflowRun | undefined]>([
    ['never started', undefined],
    ['completed (strategy deleted meanwhile, or gone)', { runId: 'r1', status: 'COMPLETED' }],
    ['failed', { runId: 'r1', status: 'FAILED' }],
    ['cancelled', { runId: 'r1', status: 'CANCELLED' }],
    ['timed out', { runId: 'r1', status: 'TIMED_OUT' }],
  ])('starts an active strategy whose workflow %s', async (_label, latest) => {
    workflows.latest = latest;
    const report = await reconciler.reconcileOnce();
    expect(report).toMatchObject({ started: ['s-1'], deactivated: [] });
    expect(workflows.started[0]).toMatchObject({ strategyId: 's-1', lastRunNumber: 7 });
  });

  it('deactivates, instead of restarting, a strategy whose workflow was terminated from outside, and records why', async () => {
    const closeTime = new Date('2026-01-02T03:04:05Z');
    workflows.latest = { runId: 'run-9', status: 'TERMINATED', closeTime };
    const report = await reconciler.reconcileOnce();
    expect(report).toMatchObject({ started: [], deactivated: ['s-1'] });
    expect(workflows.started).toHaveLength(0);
    expect(strategies.recorded).toEqual([
      {
        strategyId: 's-1',
        userId: 'u-1',
        workflowId: 'strategy-s-1',
        runId: 'run-9',
        reason: 'emergency: runaway grid',
        identity: 'ops@bastion',
        terminatedAt: closeTime,
      },
    ]);
  });

  it('honours a termination once: a strategy reactivated afterwards is started', async () => {
    workflows.latest = { runId: 'run-9', status: 'TERMINATED' };
    await reconciler.reconcileOnce();
    strategies.active = [DCA];
    const report = await reconciler.reconcileOnce();
    expect(report).toMatchObject({ started: ['s-1'], deactivated: [] });
  });

  it('leaves a strategy alone whose workflow runs', async () => {
    workflows.running = [{ workflowId: 'strategy-s-1', strategyId: 's-1' }];
    workflows.latest = { runId: 'old', status: 'TERMINATED' };
    const report = await reconciler.reconcileOnce();
    expect(report).toMatchObject({ started: [], deactivated: [], stopped: [] });
  });
});
