import type { QueryRunner } from 'typeorm';

/**
 * SQLite's datetime('now') (TypeORM's default) has whole seconds; rows created in the same second
 * (a grid's orders) would then tie in created_at ordering. This keeps milliseconds, in the same
 * 'YYYY-MM-DD HH:MM:SS.SSS' UTC text TypeORM writes for Date values, so text order is time order.
 */
export const SQLITE_NOW_MS = "strftime('%Y-%m-%d %H:%M:%f', 'now')";

/** Ids are UUID strings made in code (crypto.randomUUID), stored as varchar(36) on both drivers. */
export const ID_COLUMN = { type: 'varchar', length: '36' } as const;

/** Money and quantities: 14 integer digits, 10 fractional (crypto quantities go to 9 places). */
export const DECIMAL_PRECISION = 24;
export const DECIMAL_SCALE = 10;

/**
 * Column types that differ between the two drivers, for migrations. One migration serves both:
 * timestamps are timestamptz on PostgreSQL (an absolute instant) and datetime on SQLite (UTC text);
 * JSON is text on both (TypeORM's simple-json), so it round-trips identically.
 */
export function portableColumnTypes(queryRunner: QueryRunner) {
  const postgres = queryRunner.connection.driver.options.type === 'postgres';
  return {
    timestamp: postgres ? 'timestamptz' : 'datetime',
    now: postgres ? 'now()' : SQLITE_NOW_MS,
    json: 'text',
    decimal: 'decimal',
    /** Boolean defaults as each database reports them back (keeps schema diffs empty). */
    bool: (value: boolean): string => (postgres ? String(value) : value ? '1' : '0'),
  };
}
