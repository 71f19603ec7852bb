import type { Logger } from 'pino';
import type { StrategyWorkflowClient } from '../../../../libs/scheduling/strategy-workflow-client';
import type { ActiveStrategySource } from './active-strategy-source';

export interface ReconcileReport {
  active: number;
  started: string[];
  stopped: string[];
}

/**
 * Makes Temporal match the database: every active strategy has a running workflow, and no
 * workflow runs for a strategy that is inactive or gone. It is the safety net behind the API,
 * which starts and cancels workflows itself; it catches strategies changed directly in SQL and
 * anything lost while Temporal was unreachable.
 */
export class StrategyReconciler {
  constructor(
    private readonly strategies: ActiveStrategySource,
    private readonly workflows: StrategyWorkflowClient,
    private readonly logger: Logger,
  ) {}

  async reconcileOnce(): Promise<ReconcileReport> {
    const active = await this.strategies.listActive();
    if (active.length === 0) this.logger.info('📭 No active strategies found');
    else this.logger.info(`📊 Found ${active.length} active strategies`);

    const running = await this.workflows.listRunning();
    const runningIds = new Set(running.map((w) => w.strategyId));
    const activeIds = new Set(active.map((s) => s.id));
    const report: ReconcileReport = { active: active.length, started: [], stopped: [] };

    for (const strategy of active) {
      if (runningIds.has(strategy.id)) continue;
      const started = await this.workflows.start({
        strategyId: strategy.id,
        userId: strategy.userId,
        strategyType: strategy.type,
        intervalSeconds: strategy.intervalSeconds,
        lastRunNumber: await this.strategies.lastRunNumber(strategy.id),
      });
      if (started) {
        report.started.push(strategy.id);
        this.logger.info(
          { strategy_id: strategy.id, user_id: strategy.userId },
          `⏰ Scheduled ${strategy.name} (${strategy.type}) to run every ${strategy.intervalSeconds}s`,
        );
      }
    }

    for (const workflow of running) {
      if (activeIds.has(workflow.strategyId)) continue;
      // The list above may predate a strategy created since: ask the database again before stopping.
      if (await this.strategies.isActive(workflow.strategyId)) continue;
      if (await this.workflows.stop(workflow.strategyId)) {
        report.stopped.push(workflow.strategyId);
        this.logger.info({ strategy_id: workflow.strategyId }, `🛑 Stopped workflow ${workflow.workflowId}: strategy inactive or deleted`);
      }
    }
    return report;
  }
}
