import { Column, CreateDateColumn, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { decimalTransformer } from './decimal.transformer';
import { DECIMAL_PRECISION, DECIMAL_SCALE, ID_COLUMN } from './portable-column-types';

/*
 * Column decorators that mean the same on SQLite and PostgreSQL.
 *
 * Timestamps are declared with the JavaScript `Date` type, the one timestamp type TypeORM accepts
 * on both drivers (it maps to 'datetime' on SQLite). The migrations create timestamptz on
 * PostgreSQL, and createDataSource's DataSource tells its metadata so (align-postgres-timestamps.ts).
 * Values are written as Date objects, i.e. absolute instants, so no time zone can shift them.
 */

/** Primary key; filled with crypto.randomUUID() before insert when absent (see uuid-primary-key.subscriber.ts). */
export const IdColumn = (): PropertyDecorator => PrimaryColumn({ ...ID_COLUMN });

/** A reference to another row's id. */
export const RefColumn = (name: string, options: { nullable?: boolean } = {}): PropertyDecorator =>
  Column({ name, ...ID_COLUMN, nullable: options.nullable ?? false });

export const DecimalColumn = (name: string, options: { nullable?: boolean; default?: number } = {}): PropertyDecorator =>
  Column({
    name,
    type: 'decimal',
    precision: DECIMAL_PRECISION,
    scale: DECIMAL_SCALE,
    nullable: options.nullable ?? false,
    default: options.default,
    transformer: decimalTransformer,
  });

/** JSON stored as text on both drivers; parsed and serialized by TypeORM. */
export const JsonColumn = (name: string, options: { nullable?: boolean } = {}): PropertyDecorator =>
  Column({ name, type: 'simple-json', nullable: options.nullable ?? false });

export const TimestampColumn = (name: string, options: { nullable?: boolean } = {}): PropertyDecorator =>
  Column({ name, type: Date, nullable: options.nullable ?? false });

/** Set by the database on insert (milliseconds on both drivers). */
export const CreatedAtColumn = (name = 'created_at'): PropertyDecorator => CreateDateColumn({ name, type: Date });

/** Set by TypeORM on save() and update(). */
export const UpdatedAtColumn = (): PropertyDecorator => UpdateDateColumn({ name: 'updated_at', type: Date });
