import type { DataSource } from 'typeorm';
import type { ExecutionResult, OrderSummary } from '../../libs/contracts';
import type { BrokerOrder } from '../../libs/broker/broker.port';
import { BotOrder, StrategyExecution, TradingStrategy } from '../../libs/database/entities';
import { toOrderSummary } from '../../libs/database/order-summary';
import { pendingOrderRow } from '../../libs/database/pending-order-row';
import { queueSqliteWrite } from '../../libs/database/sqlite-write-queue';
import { EXIT_STATE_KEY, updateStrategyState } from '../../libs/database/update-strategy-state';
import { applyBrokerOrderUpdate } from '../../libs/order-fills/apply-broker-order-update';
import type { ExecutionRecord, ExecutionStore, PendingOrder, RecordedDecision, StrategyRecord } from './execution-store.port';

/** ExecutionStore over TypeORM (SQLite or PostgreSQL). */
export class TypeormExecutionStore implements ExecutionStore {
  constructor(private readonly dataSource: DataSource) {}

  private get executions() {
    return this.dataSource.getRepository(StrategyExecution);
  }

  private get orders() {
    return this.dataSource.getRepository(BotOrder);
  }

  async loadStrategy(strategyId: string): Promise<StrategyRecord | undefined> {
    const row = await this.dataSource.getRepository(TradingStrategy).findOneBy({ id: strategyId });
    if (!row) return undefined;
    return {
      id: row.id,
      userId: row.userId,
      name: row.name,
      type: row.type,
      isActive: row.isActive,
      configuration: row.configuration,
      state: row.state ?? {},
    };
  }

  async findExecution(strategyId: string, runNumber: number): Promise<ExecutionRecord | undefined> {
    const row = await this.executions.findOneBy({ strategyId, runNumber });
    if (!row) return undefined;
    const stored = (row.result ?? {}) as { decision?: RecordedDecision } & Partial<ExecutionResult>;
    return {
      status: row.status,
      result: row.status === 'succeeded' ? (stored as ExecutionResult) : undefined,
      decision: stored.decision,
    };
  }

  async beginExecution(run: { strategyId: string; userId: string; runNumber: number; trigger: ExecutionResult['trigger'] }): Promise<void> {
    const existing = await this.executions.findOneBy({ strategyId: run.strategyId, runNumber: run.runNumber });
    if (existing) {
      await this.executions.update(existing.id, { attempts: existing.attempts + 1, status: 'running', error: null });
      return;
    }
    await this.executions.insert({ ...run, status: 'running', attempts: 1 });
  }

  async recordDecision(strategyId: string, runNumber: number, decision: RecordedDecision): Promise<void> {
    await this.executions.update({ strategyId, runNumber }, { result: jsonColumn({ decision }) });
  }

  async finishExecution(run: {
    strategyId: string;
    runNumber: number;
    result: ExecutionResult;
    nextState: Record<string, unknown>;
    orderId?: string;
  }): Promise<void> {
    // Queued on SQLite, where concurrent transactions on the one connection would nest (see queueSqliteWrite).
    await queueSqliteWrite(this.dataSource, () => this.dataSource.transaction(async (manager) => {
      await manager.getRepository(StrategyExecution).update(
        { strategyId: run.strategyId, runNumber: run.runNumber },
        {
          status: 'succeeded',
          action: run.result.action,
          reason: run.result.reason,
          orderId: run.orderId ?? null,
          error: null,
          result: jsonColumn(run.result),
          finishedAt: new Date(run.result.executed_at),
        },
      );
      // The run owns every key but the exit monitor's water mark, which may have moved during the run.
      await updateStrategyState(manager, run.strategyId, (current) => {
        const { [EXIT_STATE_KEY]: _stale, ...next } = run.nextState;
        return EXIT_STATE_KEY in current ? { ...next, [EXIT_STATE_KEY]: current[EXIT_STATE_KEY] } : next;
      });
    }));
  }

  async failExecution(run: { strategyId: string; runNumber: number; error: string }): Promise<void> {
    await this.executions.update(
      { strategyId: run.strategyId, runNumber: run.runNumber },
      { status: 'failed', action: 'error', reason: run.error, error: run.error, finishedAt: new Date() },
    );
  }

  async findOrder(clientOrderId: string): Promise<OrderSummary | undefined> {
    const row = await this.orders.findOneBy({ clientOrderId });
    return row ? toOrderSummary(row) : undefined;
  }

  async insertPendingOrder(order: PendingOrder): Promise<OrderSummary> {
    const row = this.orders.create(pendingOrderRow(order));
    return toOrderSummary(await this.orders.save(row));
  }

  async applyBrokerOrder(clientOrderId: string, brokerOrder: BrokerOrder): Promise<OrderSummary> {
    // The fill handler records the broker's id, status and fills in one write, so an order that
    // filled on arrival gets its trades row like any other fill, and the monitor finds nothing left.
    const applied = await applyBrokerOrderUpdate(this.dataSource, { order: brokerOrder });
    return toOrderSummary(applied?.row ?? (await this.orders.findOneByOrFail({ clientOrderId })));
  }

  async markOrderRejected(clientOrderId: string, _reason: string): Promise<void> {
    await this.orders.update({ clientOrderId }, { status: 'rejected' });
  }
}

// TypeORM's update() types JSON columns as deep-partial entities; the value is stored whole.
function jsonColumn(value: object): never {
  return value as never;
}
