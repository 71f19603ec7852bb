import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createDataSource, initializeDatabase } from '../data-source';

export type TestDatabaseKind = 'sqlite' | 'postgres';

export interface TestDatabase {
  /** Initialized, with every migration applied (unless migrate: false). */
  dataSource: DataSource;
  /** Set for postgres: hand it to an app under test as DATABASE_URL. */
  databaseUrl?: string;
  /** Set for sqlite: the database file inside a private temp directory. */
  sqlitePath?: string;
  /** Closes the DataSource and deletes the database (file or PostgreSQL database). Idempotent. */
  drop(): Promise<void>;
}

/**
 * The PostgreSQL server tests create their databases on: TEST_POSTGRES_URL, else the local
 * cluster's superuser over trust auth (what .ci/run starts).
 */
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A fresh, uniquely named database per call, so parallel test files never share rows. */
export async function createTestDatabase(kind: TestDatabaseKind, options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const created = kind === 'postgres' ? await createPostgresDatabase() : await createSqliteDatabase();
  try {
    if (options.migrate ?? true) await initializeDatabase(created.dataSource);
    else await created.dataSource.initialize();
  } catch (error) {
    await created.drop();
    throw error;
  }
  return created;
}

async function createSqliteDatabase(): Promise<TestDatabase> {
  const directory = await mkdtemp(join(tmpdir(), 'autopilot-test-db-'));
  const sqlitePath = join(directory, 'autopilot.db');
  const dataSource = createDataSource({ sqlitePath });
  const drop = once(async () => {
    if (dataSource.isInitialized) await dataSource.destroy();
    await rm(directory, { recursive: true, force: true });
  });
  return { dataSource, sqlitePath, drop };
}

async function createPostgresDatabase(): Promise<TestDatabase> {
  const name = `autopilot_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient((client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const dataSource = createDataSource({ databaseUrl });
  const drop = once(async () => {
    if (dataSource.isInitialized) await dataSource.destroy();
    // FORCE (PostgreSQL 13+) also ends connections an app under test may have left open.
    await withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  });
  return { dataSource, databaseUrl, drop };
}

// A plain DataSource (no entities) as the admin connection: pg ships no type declarations here.
async function withAdminClient<T>(run: (client: DataSource) => Promise<T>): Promise<T> {
  const client = new DataSource({ type: 'postgres', url: TEST_POSTGRES_URL, poolSize: 1 });
  await client.initialize();
  try {
    return await run(client);
  } finally {
    await client.destroy();
  }
}

function once(action: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= action());
}
