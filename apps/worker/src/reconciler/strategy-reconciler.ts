import type { Logger } from 'pino';
import type { StrategyWorkflowClient } from '../../../../libs/scheduling/strategy-workflow-client';
import { honourTermination } from '../../../../libs/scheduling/honour-termination';
import { getStrategy } from '../../../../libs/strategies/registry';
import type { ActiveStrategy, ActiveStrategySource } from './active-strategy-source';

export interface ReconcileReport {
  active: number;
  started: string[];
  stopped: string[];
  /** Active strategies whose workflow was terminated from outside: made inactive, not restarted. */
  deactivated: string[];
}

export type ReconcilerWorkflows = Pick<StrategyWorkflowClient, 'listRunning' | 'start' | 'stop' | 'latestRun' | 'terminationOf'>;

/**
 * Makes Temporal match the database: every active strategy has a running workflow, and no
 * workflow runs for a strategy that is inactive or gone. It is the safety net behind the API,
 * which starts and cancels workflows itself; it catches strategies changed directly in SQL and
 * anything lost while Temporal was unreachable.
 *
 * One exception: a workflow terminated from outside (`temporal workflow terminate`, the
 * operators' last resort) is an order to stop, not a loss. Its strategy is made inactive and the
 * termination recorded (bot_risk_events, rule emergency_terminate), once per terminated run, so
 * a strategy reactivated afterwards (API or SQL) runs again.
 */
export class StrategyReconciler {
  constructor(
    private readonly strategies: ActiveStrategySource,
    private readonly workflows: ReconcilerWorkflows,
    private readonly logger: Logger,
    /**
     * Cancels a stopped grid's resting orders at the broker: a terminated workflow ran no clean-up
     * of its own, and an operator's stop must not leave orders that can still fill.
     */
    private readonly cancelGridOrders?: (strategy: ActiveStrategy) => Promise<number>,
  ) {}

  async reconcileOnce(): Promise<ReconcileReport> {
    const active = await this.strategies.listActive();
    if (active.length === 0) this.logger.info('📭 No active strategies found');
    else this.logger.info(`📊 Found ${active.length} active strategies`);

    const running = await this.workflows.listRunning();
    const runningIds = new Set(running.map((w) => w.strategyId));
    const activeIds = new Set(active.map((s) => s.id));
    const report: ReconcileReport = { active: active.length, started: [], stopped: [], deactivated: [] };

    for (const strategy of active) {
      if (runningIds.has(strategy.id)) continue;
      const termination = await this.honourTermination(strategy);
      if (termination === 'deactivated') {
        report.deactivated.push(strategy.id);
        await this.cancelOrdersOfTerminated(strategy);
      }
      if (termination !== 'none') continue;
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

  private async cancelOrdersOfTerminated(strategy: ActiveStrategy): Promise<void> {
    if (!this.cancelGridOrders || getStrategy(strategy.type).kind !== 'grid') return;
    try {
      const cancelled = await this.cancelGridOrders(strategy);
      this.logger.info({ strategy_id: strategy.id, user_id: strategy.userId }, `🛑 Cancelled ${cancelled} open orders of ${strategy.name} after its workflow was terminated`);
    } catch (err) {
      // The strategy is inactive already; the admin emergency stop can still sweep the broker.
      this.logger.error({ err, strategy_id: strategy.id }, `❌ Could not cancel the open orders of ${strategy.name}: ${(err as Error).message}`);
    }
  }

  /** See honourTermination: a run terminated from outside deactivates the strategy instead of being restarted. */
  private async honourTermination(strategy: ActiveStrategy): Promise<'none' | 'deactivated' | 'inactive'> {
    const honoured = await honourTermination(this.workflows, this.strategies, strategy);
    if (honoured.outcome === 'deactivated') {
      const { run } = honoured;
      this.logger.warn(
        { strategy_id: strategy.id, user_id: strategy.userId, run_id: run.runId, terminated_by: run.identity },
        `🛑 ${strategy.name} (${strategy.type}) deactivated: its workflow ${run.workflowId} was terminated from outside (reason: ${run.reason || 'none given'}); not restarting it`,
      );
    }
    return honoured.outcome;
  }

}
