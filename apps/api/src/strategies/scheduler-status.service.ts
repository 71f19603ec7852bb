import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { DataSource, In } from 'typeorm';
import type { AppConfig } from '../../../../libs/config';
import { TradingStrategy } from '../../../../libs/database/entities';
import { APP_CONFIG } from '../../../../libs/engine/config/app-config.token';
import { countTaskQueuePollers } from '../../../../libs/scheduling/task-queue-pollers';
import { nextTickAt } from '../../../../libs/scheduling/reconcile-ticks';
import { StrategyWorkflowClient } from '../../../../libs/scheduling/strategy-workflow-client';
import { workerFlagsOf, type WorkerFlags } from '../../../../libs/scheduling/worker-flags';
import { effectiveIntervalSeconds } from '../../../../libs/strategies/strategy-schedule';

/** The guide's scheduler status, field for field. */
export interface SchedulerStatus {
  scheduler_running: boolean;
  active_strategies: number;
  scheduled_jobs: number;
  total_scheduler_jobs: number;
  jobs: Array<{
    job_id: string;
    strategy_id: string;
    strategy_name: string;
    strategy_type: string;
    next_run_time: string | null;
    interval_seconds: number;
  }>;
  next_reload: string;
  /** The worker switches: with enable_trading_scheduler false no strategy runs, whatever is scheduled. */
  flags: WorkerFlags;
}

/**
 * Answers from Temporal's visibility store and search attributes in a fixed number of calls
 * (pollers, the user's running workflows, the global count) plus one database query, however
 * many strategies there are.
 */
@Injectable()
export class SchedulerStatusService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly client: Client,
    private readonly workflows: StrategyWorkflowClient,
  ) {}

  async status(userId: string): Promise<SchedulerStatus> {
    const [pollers, running, total, activeCount] = await Promise.all([
      countTaskQueuePollers(this.client, this.config.temporal.namespace, this.config.temporal.taskQueue),
      this.workflows.listRunning(userId),
      this.workflows.countRunning(),
      this.dataSource.getRepository(TradingStrategy).countBy({ userId, isActive: true }),
    ]);
    const strategies = running.length
      ? await this.dataSource.getRepository(TradingStrategy).findBy({ id: In(running.map((r) => r.strategyId)), userId })
      : [];
    const byId = new Map(strategies.map((s) => [s.id, s]));
    const jobs = running.flatMap((workflow) => {
      const strategy = byId.get(workflow.strategyId);
      if (!strategy) return [];
      const intervalSeconds = effectiveIntervalSeconds(strategy.type, strategy.configuration);
      return [
        {
          job_id: workflow.workflowId,
          strategy_id: strategy.id,
          strategy_name: strategy.name,
          strategy_type: strategy.type,
          next_run_time: workflow.nextRunTime?.toISOString() ?? null,
          interval_seconds: intervalSeconds,
        },
      ];
    });
    return {
      scheduler_running: pollers > 0,
      active_strategies: activeCount,
      scheduled_jobs: jobs.length,
      total_scheduler_jobs: total,
      jobs,
      next_reload: nextTickAt(Date.now(), this.config.reconcileIntervalSeconds).toISOString(),
      flags: workerFlagsOf(this.config),
    };
  }
}
