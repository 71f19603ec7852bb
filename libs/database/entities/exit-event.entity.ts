import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { CreatedAtColumn, DecimalColumn, JsonColumn, RefColumn } from '../schema/portable-columns';
import { BotOrder } from './bot-order.entity';
import { StrategyOwnedRecord } from './strategy-owned-record';

export type ExitTrigger = 'take_profit' | 'stop_loss' | 'trailing_stop';

/** The position-exit monitor closed (or tried to close) a position. */
@Entity({ name: 'exit_events' })
@Index('idx_exit_events_strategy_id_created_at', ['strategyId', 'createdAt'])
@Check('chk_exit_events_trigger', `"trigger" IN ('take_profit', 'stop_loss', 'trailing_stop')`)
export class ExitEvent extends StrategyOwnedRecord {
  @Column({ name: 'symbol', type: 'varchar', length: 32 })
  symbol: string;

  @Column({ name: 'trigger', type: 'varchar', length: 16 })
  trigger: ExitTrigger;

  /** USD price that fired the trigger. */
  @DecimalColumn('trigger_price')
  triggerPrice: number;

  /** USD average entry price of the position. */
  @DecimalColumn('entry_price')
  entryPrice: number;

  /** bot_orders.id of the closing order; null if it was not placed. */
  @RefColumn('exit_order_id', { nullable: true })
  exitOrderId: string | null;

  @ManyToOne(() => BotOrder, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'exit_order_id' })
  exitOrder?: BotOrder | null;

  @JsonColumn('details')
  details: Record<string, unknown>;

  @CreatedAtColumn()
  createdAt: Date;
}
