import { JoinColumn, ManyToOne } from 'typeorm';
import { RefColumn } from '../schema/portable-columns';
import { TradingStrategy } from './trading-strategy.entity';
import { UserOwnedRecord } from './user-owned-record';

/** A row that belongs to one strategy of a user: deleting the strategy deletes it. */
export abstract class StrategyOwnedRecord extends UserOwnedRecord {
  @RefColumn('strategy_id')
  strategyId: string;

  @ManyToOne(() => TradingStrategy, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'strategy_id' })
  strategy?: TradingStrategy;
}
