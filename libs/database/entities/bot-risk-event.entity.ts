import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { CreatedAtColumn, JsonColumn, RefColumn } from '../schema/portable-columns';
import { TradingStrategy } from './trading-strategy.entity';
import { UserOwnedRecord } from './user-owned-record';

/** A risk rule blocked or limited an order; strategy_id is null for account-wide rules. */
@Entity({ name: 'bot_risk_events' })
@Index('idx_bot_risk_events_strategy_id_created_at', ['strategyId', 'createdAt'])
@Index('idx_bot_risk_events_user_id_created_at', ['userId', 'createdAt'])
export class BotRiskEvent extends UserOwnedRecord {
  @RefColumn('strategy_id', { nullable: true })
  strategyId: string | null;

  @ManyToOne(() => TradingStrategy, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'strategy_id' })
  strategy?: TradingStrategy | null;

  /** The rule's name, e.g. max_position_size. */
  @Column({ name: 'rule', type: 'varchar', length: 64 })
  rule: string;

  @Column({ name: 'reason', type: 'text' })
  reason: string;

  @JsonColumn('details')
  details: Record<string, unknown>;

  @CreatedAtColumn()
  createdAt: Date;
}
