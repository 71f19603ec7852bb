import type { DataSource } from 'typeorm';
import { describeProbeError, withTimeout } from './with-timeout';

export interface DatabaseHealth {
  status: 'connected' | 'error';
  type: string;
  error?: string;
}

/** A round trip to the database, not just "the pool exists". */
export async function checkDatabase(dataSource: DataSource, timeoutMs: number): Promise<DatabaseHealth> {
  const type = String(dataSource.options.type);
  try {
    if (!dataSource.isInitialized) return { status: 'error', type, error: 'database connection is not initialized' };
    await withTimeout(dataSource.query('SELECT 1'), timeoutMs, 'the database');
    return { status: 'connected', type };
  } catch (error) {
    return { status: 'error', type, error: describeProbeError(error) };
  }
}
