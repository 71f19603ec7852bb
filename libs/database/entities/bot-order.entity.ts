import { Check, Column, Entity, Index, Unique } from 'typeorm';
import type { OrderSide, TimeInForce } from '../../contracts';
import { CreatedAtColumn, DecimalColumn, TimestampColumn, UpdatedAtColumn } from '../schema/portable-columns';
import { StrategyOwnedRecord } from './strategy-owned-record';

/** 'pending' = recorded, not yet acknowledged by the broker; the rest are Alpaca's order statuses. */
export type BotOrderStatus =
  | 'pending'
  | 'submitted'
  | 'accepted'
  | 'pending_new'
  | 'new'
  | 'partially_filled'
  | 'filled'
  | 'done_for_day'
  | 'pending_cancel'
  | 'canceled'
  | 'replaced'
  | 'expired'
  | 'rejected';

export type GridRole = 'open' | 'close';

/** Statuses after which an order can no longer fill. */
export const TERMINAL_ORDER_STATUSES: readonly BotOrderStatus[] = ['filled', 'canceled', 'replaced', 'expired', 'rejected'];

@Entity({ name: 'bot_orders' })
@Unique('uq_bot_orders_client_order_id', ['clientOrderId'])
@Index('idx_bot_orders_strategy_id_created_at', ['strategyId', 'createdAt'])
@Index('idx_bot_orders_status', ['status'])
@Index('idx_bot_orders_broker_order_id', ['brokerOrderId'])
@Check('chk_bot_orders_side', `"side" IN ('buy', 'sell')`)
export class BotOrder extends StrategyOwnedRecord {
  /** Our idempotency key at the broker (see clientOrderId() in libs/contracts); unique so a retry cannot record twice. */
  @Column({ name: 'client_order_id', type: 'varchar', length: 128 })
  clientOrderId: string;

  @Column({ name: 'broker_order_id', type: 'varchar', length: 64, nullable: true })
  brokerOrderId: string | null;

  @Column({ name: 'symbol', type: 'varchar', length: 32 })
  symbol: string;

  @Column({ name: 'side', type: 'varchar', length: 8 })
  side: OrderSide;

  /** market, limit (the broker also knows stop, stop_limit, trailing_stop). */
  @Column({ name: 'type', type: 'varchar', length: 16 })
  type: string;

  @Column({ name: 'time_in_force', type: 'varchar', length: 8 })
  timeInForce: TimeInForce;

  /** Units; null for notional orders. */
  @DecimalColumn('qty', { nullable: true })
  qty: number | null;

  /** USD; null for qty orders. */
  @DecimalColumn('notional', { nullable: true })
  notional: number | null;

  @DecimalColumn('limit_price', { nullable: true })
  limitPrice: number | null;

  @Column({ name: 'status', type: 'varchar', length: 32, default: 'pending' })
  status: BotOrderStatus;

  /** Grid strategies: index of the price level this order sits on. */
  @Column({ name: 'grid_level', type: 'integer', nullable: true })
  gridLevel: number | null;

  /** Grid strategies: the bot_orders.id whose fill this order answers (null for a grid's opening orders). */
  @Column({ name: 'parent_order_id', type: 'varchar', length: 36, nullable: true })
  parentOrderId: string | null;

  /** Grid strategies: 'open' starts a round trip, 'close' completes one and realises its profit. */
  @Column({ name: 'grid_role', type: 'varchar', length: 8, nullable: true })
  gridRole: GridRole | null;

  /** Grid strategies: how much of filled_qty already has its counter order; the rest still needs one. */
  @DecimalColumn('countered_qty', { default: 0 })
  counteredQty: number;

  @DecimalColumn('filled_qty', { default: 0 })
  filledQty: number;

  @DecimalColumn('filled_avg_price', { nullable: true })
  filledAvgPrice: number | null;

  /** The strategy run that placed it (strategy_executions.run_number). */
  @Column({ name: 'run_number', type: 'integer', nullable: true })
  runNumber: number | null;

  @TimestampColumn('submitted_at', { nullable: true })
  submittedAt: Date | null;

  @TimestampColumn('filled_at', { nullable: true })
  filledAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
