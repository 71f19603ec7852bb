import type { ValueTransformer } from 'typeorm';

/**
 * PostgreSQL's pg driver returns NUMERIC as a string (to keep precision), better-sqlite3 returns a
 * number. Entities expose numbers on both so services never see the driver's choice.
 */
export const decimalTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null): number | null => {
    if (value === null || value === undefined) return null;
    const parsed = typeof value === 'number' ? value : Number(value);
    if (!Number.isFinite(parsed)) throw new TypeError(`cannot read decimal column value ${JSON.stringify(value)}`);
    return parsed;
  },
};
