import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  type Client,
  type WorkflowHandle,
} from '@temporalio/client';
import { TypedSearchAttributes } from '@temporalio/common';
import { STRATEGY_TASK_QUEUE, strategyIdFromWorkflowId, strategyWorkflowId, type ExecutionResult, type StrategyType } from '../contracts';
import { executeNowUpdate, intervalChangedSignal, strategyStatusQuery, type StrategyStatus } from '../../workflows/strategy/strategy.messages';
import type { StrategyWorkflowInput } from '../../workflows/strategy/strategy.state';
import { initialGridState, type GridWorkflowInput } from '../../workflows/grid/grid.state';
import { getStrategy } from '../strategies/registry';
import { NextRunTimeKey, StrategyIdKey, StrategyTypeKey, UserIdKey } from '../../workflows/search-attribute-keys';
import { latestRunOf, terminationOf, type Termination, type WorkflowRun } from './workflow-run';

export const STRATEGY_WORKFLOW_TYPE = 'strategyWorkflow';
export const GRID_WORKFLOW_TYPE = 'gridStrategyWorkflow';
const WORKFLOW_TYPES = [STRATEGY_WORKFLOW_TYPE, GRID_WORKFLOW_TYPE];

export interface ScheduleRequest {
  strategyId: string;
  userId: string;
  strategyType: StrategyType;
  intervalSeconds: number;
  runImmediately?: boolean;
  runsPerExecution?: number;
  /** Highest run number the strategy already used; the workflow numbers its runs after it. */
  lastRunNumber?: number;
}

/** A running strategy workflow as Temporal's visibility store sees it. */
export interface ScheduledStrategy {
  workflowId: string;
  strategyId: string;
  userId?: string;
  strategyType?: string;
  nextRunTime?: Date;
}

// Long enough for an execution with its activity retries (1+2+4+8 s backoff) on a slow broker.
const EXECUTE_NOW_TIMEOUT_MS = 60_000;


/**
 * Interval types run strategyWorkflow; grid types run gridStrategyWorkflow, whose event numbers
 * (the cycles in its client_order_ids) continue after the strategy's last recorded run like run numbers do.
 */
function workflowStartOf(request: ScheduleRequest): [string, StrategyWorkflowInput | GridWorkflowInput] {
  const { lastRunNumber, runImmediately, runsPerExecution, ...rest } = request;
  if (getStrategy(request.strategyType).kind === 'grid') {
    return [GRID_WORKFLOW_TYPE, { ...rest, fillsPerExecution: runsPerExecution, state: { ...initialGridState(rest), eventSeq: lastRunNumber ?? 0 } }];
  }
  return [STRATEGY_WORKFLOW_TYPE, { ...rest, runImmediately, runsPerExecution, state: { runCount: lastRunNumber ?? 0 } }];
}

/**
 * Everything the API and the reconciler do to strategy workflows, through Temporal's client.
 * Framework-free so both processes share one implementation.
 */
export class StrategyWorkflowClient {
  constructor(
    private readonly client: Client,
    private readonly taskQueue = STRATEGY_TASK_QUEUE,
  ) {}

  /** Starts the strategy's workflow; starting one that already runs is a no-op. Returns true when it started. */
  async start(request: ScheduleRequest): Promise<boolean> {
    const [workflowType, input] = workflowStartOf(request);
    try {
      await this.client.workflow.start(workflowType, {
        workflowId: strategyWorkflowId(request.strategyId),
        taskQueue: this.taskQueue,
        args: [input],
        workflowIdConflictPolicy: 'FAIL',
        typedSearchAttributes: new TypedSearchAttributes([
          { key: StrategyIdKey, value: request.strategyId },
          { key: StrategyTypeKey, value: request.strategyType },
          { key: UserIdKey, value: request.userId },
        ]),
      });
      return true;
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) return false;
      throw err;
    }
  }

  /** Cancels the strategy's workflow; true when one was running. */
  async stop(strategyId: string): Promise<boolean> {
    // Temporal accepts a cancel request for a closed workflow too, so ask first.
    if (!(await this.isRunning(strategyId))) return false;
    try {
      await this.handle(strategyId).cancel();
      return true;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return false;
      throw err;
    }
  }

  /**
   * Ends the strategy's running workflow at once, without its clean-up (for one that did not
   * close after a cancel). Returns the terminated run's id; undefined when none was running.
   */
  async terminate(strategyId: string, reason: string): Promise<string | undefined> {
    const run = await this.latestRun(strategyId);
    if (run?.status !== 'RUNNING') return undefined;
    try {
      await this.client.workflow.getHandle(strategyWorkflowId(strategyId), run.runId).terminate(reason);
      return run.runId;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return undefined;
      throw err;
    }
  }

  /** The latest run of the strategy's workflow id (running or closed); undefined when it never ran. */
  latestRun(strategyId: string): Promise<WorkflowRun | undefined> {
    return latestRunOf(this.client, strategyWorkflowId(strategyId));
  }

  /** Reason and identity of a terminated run (what `temporal workflow terminate --reason` recorded). */
  terminationOf(strategyId: string, runId: string): Promise<Termination> {
    return terminationOf(this.client, strategyWorkflowId(strategyId), runId);
  }

  async isRunning(strategyId: string): Promise<boolean> {
    return (await this.latestRun(strategyId))?.status === 'RUNNING';
  }

  /**
   * Runs the strategy now through its workflow and waits for the result, at most `timeoutMs`
   * (without a worker polling, an update would otherwise wait forever).
   */
  executeNow(strategyId: string, trigger: 'manual' | 'initial' = 'manual', timeoutMs = EXECUTE_NOW_TIMEOUT_MS): Promise<ExecutionResult> {
    return this.client.withDeadline(Date.now() + timeoutMs, () =>
      this.handle(strategyId).executeUpdate(executeNowUpdate, { args: [trigger] }),
    );
  }

  status(strategyId: string): Promise<StrategyStatus> {
    return this.handle(strategyId).query(strategyStatusQuery);
  }

  async changeInterval(strategyId: string, intervalSeconds: number): Promise<void> {
    try {
      await this.handle(strategyId).signal(intervalChangedSignal, intervalSeconds);
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
    }
  }

  /** Running strategy workflows, optionally of one user, from visibility in one paged list call. */
  async listRunning(userId?: string): Promise<ScheduledStrategy[]> {
    const query = userId ? `${this.runningQuery()} AND UserId = '${escapeQueryValue(userId)}'` : this.runningQuery();
    const found: ScheduledStrategy[] = [];
    for await (const info of this.client.workflow.list({ query, pageSize: 1000 })) {
      const strategyId = info.typedSearchAttributes.get(StrategyIdKey) ?? strategyIdFromWorkflowId(info.workflowId);
      if (!strategyId) continue;
      found.push({
        workflowId: info.workflowId,
        strategyId,
        userId: info.typedSearchAttributes.get(UserIdKey),
        strategyType: info.typedSearchAttributes.get(StrategyTypeKey),
        nextRunTime: info.typedSearchAttributes.get(NextRunTimeKey),
      });
    }
    return found;
  }

  async countRunning(): Promise<number> {
    return (await this.client.workflow.count(this.runningQuery())).count;
  }

  // Scoped to this deployment's task queue: another deployment sharing the namespace has its own.
  private runningQuery(): string {
    const types = WORKFLOW_TYPES.map((type) => `'${type}'`).join(', ');
    return `WorkflowType IN (${types}) AND ExecutionStatus = 'Running' AND TaskQueue = '${escapeQueryValue(this.taskQueue)}'`;
  }

  private handle(strategyId: string): WorkflowHandle {
    return this.client.workflow.getHandle(strategyWorkflowId(strategyId));
  }
}

function escapeQueryValue(value: string): string {
  return value.replace(/['"\\]/g, '');
}
