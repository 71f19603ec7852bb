import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import type { OrderSide } from '../../contracts';
import { CreatedAtColumn, DecimalColumn, RefColumn, TimestampColumn } from '../schema/portable-columns';
import { BotOrder } from './bot-order.entity';
import { StrategyOwnedRecord } from './strategy-owned-record';

/** One fill (or partial fill) of a bot order. */
@Entity({ name: 'trades' })
@Unique('uq_trades_execution_key', ['executionKey'])
@Index('idx_trades_strategy_id_executed_at', ['strategyId', 'executedAt'])
@Index('idx_trades_order_id', ['orderId'])
@Check('chk_trades_side', `"side" IN ('buy', 'sell')`)
export class Trade extends StrategyOwnedRecord {
  /** bot_orders.id */
  @RefColumn('order_id')
  orderId: string;

  @ManyToOne(() => BotOrder, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'order_id' })
  order?: BotOrder;

  /**
   * `<broker order id>:<order's cumulative filled qty after this fill>`: the same fill reported by
   * the stream and by the poll maps to one key, so it is written once.
   */
  @Column({ name: 'execution_key', type: 'varchar', length: 160, nullable: true })
  executionKey: string | null;

  @Column({ name: 'broker_order_id', type: 'varchar', length: 64 })
  brokerOrderId: string;

  @Column({ name: 'symbol', type: 'varchar', length: 32 })
  symbol: string;

  @Column({ name: 'side', type: 'varchar', length: 8 })
  side: OrderSide;

  @DecimalColumn('qty')
  qty: number;

  /** USD per unit. */
  @DecimalColumn('price')
  price: number;

  /** USD, qty * price. */
  @DecimalColumn('notional')
  notional: number;

  /** USD; set on sells that close (part of) a position. */
  @DecimalColumn('realized_pnl', { nullable: true })
  realizedPnl: number | null;

  @TimestampColumn('executed_at')
  executedAt: Date;

  @CreatedAtColumn()
  createdAt: Date;
}
