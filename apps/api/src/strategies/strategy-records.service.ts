import { Injectable } from '@nestjs/common';
import { DataSource, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { BotOrder, BotRiskEvent, ExitEvent, StrategyExecution, Trade } from '../../../../libs/database/entities';
import type { ExecutionResult } from '../../../../libs/contracts';
import { toOrderSummary } from '../../../../libs/database/order-summary';
import { StrategiesService } from './strategies.service';
import { toSnakeCaseRow } from './snake-case-row';

// Newest first, capped: a strategy that runs every 30 s makes thousands of rows a day.
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

/** Read-only history of one strategy: orders, trades, executions, risk and exit events. */
@Injectable()
export class StrategyRecordsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly strategies: StrategiesService,
  ) {}

  async orders(userId: string, strategyId: string, limit?: number) {
    const rows = await this.newest(BotOrder, userId, strategyId, 'createdAt', limit);
    return rows.map((order) => ({
      ...toOrderSummary(order),
      strategy_id: order.strategyId,
      time_in_force: order.timeInForce,
      grid_level: order.gridLevel,
      grid_role: order.gridRole,
      parent_order_id: order.parentOrderId,
      countered_qty: order.counteredQty,
      run_number: order.runNumber,
      submitted_at: order.submittedAt?.toISOString() ?? null,
      filled_at: order.filledAt?.toISOString() ?? null,
      created_at: order.createdAt.toISOString(),
      updated_at: order.updatedAt.toISOString(),
    }));
  }

  async executions(userId: string, strategyId: string, limit?: number) {
    const rows = await this.newest(StrategyExecution, userId, strategyId, 'startedAt', limit);
    return rows.map((run) => ({
      id: run.id,
      strategy_id: run.strategyId,
      run_number: run.runNumber,
      trigger: run.trigger,
      status: run.status,
      action: run.action,
      reason: run.reason,
      order_id: run.orderId,
      // Every leg of a pair, an arbitrage or a rebalance; the run's first order is order_id.
      order_ids: (run.result as Partial<ExecutionResult> | null)?.orders?.map((order) => order.id) ?? (run.orderId ? [run.orderId] : []),
      error: run.error,
      attempts: run.attempts,
      started_at: run.startedAt.toISOString(),
      finished_at: run.finishedAt?.toISOString() ?? null,
    }));
  }

  async trades(userId: string, strategyId: string, limit?: number) {
    return (await this.newest(Trade, userId, strategyId, 'executedAt', limit)).map(toSnakeCaseRow);
  }

  async riskEvents(userId: string, strategyId: string, limit?: number) {
    return (await this.newest(BotRiskEvent, userId, strategyId, 'createdAt', limit)).map(toSnakeCaseRow);
  }

  async exitEvents(userId: string, strategyId: string, limit?: number) {
    return (await this.newest(ExitEvent, userId, strategyId, 'createdAt', limit)).map(toSnakeCaseRow);
  }

  private async newest<T extends ObjectLiteral>(
    entity: EntityTarget<T>,
    userId: string,
    strategyId: string,
    orderBy: string,
    limit = DEFAULT_LIMIT,
  ): Promise<T[]> {
    await this.strategies.findOwned(userId, strategyId);
    return this.dataSource.getRepository(entity).find({
      where: { strategyId } as never,
      order: { [orderBy]: 'DESC' } as never,
      take: Math.min(Math.max(limit, 1), MAX_LIMIT),
    });
  }
}
