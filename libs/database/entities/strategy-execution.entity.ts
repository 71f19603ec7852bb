import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import type { ExecutionAction, ExecutionTrigger } from '../../contracts';
import { CreatedAtColumn, JsonColumn, RefColumn, TimestampColumn } from '../schema/portable-columns';
import { BotOrder } from './bot-order.entity';
import { StrategyOwnedRecord } from './strategy-owned-record';

export type ExecutionStatus = 'running' | 'succeeded' | 'failed';

/**
 * One run of a strategy. (strategy_id, run_number) is unique: the workflow numbers its runs and the
 * activity upserts by that pair, so a retried activity updates its row instead of adding one.
 */
@Entity({ name: 'strategy_executions' })
@Unique('uq_strategy_executions_strategy_id_run_number', ['strategyId', 'runNumber'])
@Index('idx_strategy_executions_strategy_id_started_at', ['strategyId', 'startedAt'])
@Check('chk_strategy_executions_trigger', `"trigger" IN ('scheduled', 'manual', 'initial')`)
@Check('chk_strategy_executions_status', `"status" IN ('running', 'succeeded', 'failed')`)
@Check('chk_strategy_executions_action', `"action" IS NULL OR "action" IN ('buy', 'sell', 'hold', 'error')`)
export class StrategyExecution extends StrategyOwnedRecord {
  @Column({ name: 'run_number', type: 'integer' })
  runNumber: number;

  @Column({ name: 'trigger', type: 'varchar', length: 16 })
  trigger: ExecutionTrigger;

  @Column({ name: 'status', type: 'varchar', length: 16, default: 'running' })
  status: ExecutionStatus;

  @Column({ name: 'action', type: 'varchar', length: 8, nullable: true })
  action: ExecutionAction | null;

  @Column({ name: 'reason', type: 'text', nullable: true })
  reason: string | null;

  /** bot_orders.id of the order this run placed. */
  @RefColumn('order_id', { nullable: true })
  orderId: string | null;

  @ManyToOne(() => BotOrder, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'order_id' })
  order?: BotOrder | null;

  /** Failure message (e.g. "Alpaca credentials not found"); never contains secrets. */
  @Column({ name: 'error', type: 'text', nullable: true })
  error: string | null;

  /** Activity attempts this run took (Temporal retries). */
  @Column({ name: 'attempts', type: 'integer', default: 1 })
  attempts: number;

  /** The ExecutionResult returned to the workflow and the API. */
  @JsonColumn('result', { nullable: true })
  result: Record<string, unknown> | null;

  /** Set by the database on insert and kept by later upserts of the same run. */
  @CreatedAtColumn('started_at')
  startedAt: Date;

  @TimestampColumn('finished_at', { nullable: true })
  finishedAt: Date | null;
}
