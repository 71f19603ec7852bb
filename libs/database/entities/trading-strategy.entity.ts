import { Column, Entity, Index } from 'typeorm';
import type { StrategyType } from '../../contracts';
import { CreatedAtColumn, JsonColumn, UpdatedAtColumn } from '../schema/portable-columns';
import { UserOwnedRecord } from './user-owned-record';

@Entity({ name: 'trading_strategies' })
@Index('idx_trading_strategies_user_id', ['userId'])
@Index('idx_trading_strategies_is_active', ['isActive'])
export class TradingStrategy extends UserOwnedRecord {
  @Column({ name: 'name', type: 'varchar', length: 255 })
  name: string;

  /** One of STRATEGY_TYPES; validated by the API, not the database, so new types need no migration. */
  @Column({ name: 'type', type: 'varchar', length: 64 })
  type: StrategyType;

  /** Active strategies each have a running Temporal workflow `strategy-<id>`. */
  @Column({ name: 'is_active', type: 'boolean', default: true })
  isActive: boolean;

  /** Run once immediately on creation instead of one interval later. */
  @Column({ name: 'auto_start', type: 'boolean', default: false })
  autoStart: boolean;

  /** The type's settings (symbol, amounts, interval_seconds, ...), validated by its schema. */
  @JsonColumn('configuration')
  configuration: Record<string, unknown>;

  /** The strategy's memory between runs (e.g. capital spent so far), written after each run. */
  @JsonColumn('state', { nullable: true })
  state: Record<string, unknown> | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
