import { JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, RefColumn } from '../schema/portable-columns';
import { User } from './user.entity';

/** A row that belongs to a user: deleting the user deletes it (and a user only ever sees their own). */
export abstract class UserOwnedRecord {
  @IdColumn()
  id: string;

  @RefColumn('user_id')
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;
}
