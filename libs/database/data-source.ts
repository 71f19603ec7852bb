import { DataSource, type DataSourceOptions } from 'typeorm';
import { ALL_ENTITIES } from './entities';
import { ALL_MIGRATIONS } from './migrations';
import { alignPostgresTimestamps } from './schema/align-postgres-timestamps';
import { SQLITE_NOW_MS } from './schema/portable-column-types';
import { TimestampsSubscriber } from './schema/timestamps.subscriber';
import { UuidPrimaryKeySubscriber } from './schema/uuid-primary-key.subscriber';

export interface DatabaseOptions {
  /** postgres://...; when set, PostgreSQL is used and sqlitePath is ignored. */
  databaseUrl?: string;
  /** File for better-sqlite3 (its directory is created); required without databaseUrl. */
  sqlitePath?: string;
  logging?: boolean;
}

// The API and the worker are separate processes sharing one SQLite file: a writer waits this long
// (milliseconds) for the other's lock before failing with SQLITE_BUSY.
const SQLITE_BUSY_TIMEOUT_MS = 5_000;
const POSTGRES_POOL_SIZE = 10;

function buildDataSourceOptions(options: DatabaseOptions): DataSourceOptions {
  const common = {
    entities: [...ALL_ENTITIES],
    migrations: [...ALL_MIGRATIONS],
    subscribers: [UuidPrimaryKeySubscriber, TimestampsSubscriber],
    // Schema changes only through migrations, never synchronize, in every environment.
    synchronize: false,
    migrationsRun: false,
    logging: options.logging ?? false,
  };
  if (options.databaseUrl) {
    return { ...common, type: 'postgres', url: options.databaseUrl, poolSize: POSTGRES_POOL_SIZE, applicationName: 'autopilot' };
  }
  if (!options.sqlitePath) throw new Error('createDataSource needs databaseUrl or sqlitePath');
  return {
    ...common,
    type: 'better-sqlite3',
    database: options.sqlitePath,
    // WAL lets readers (API) proceed while a writer (worker) commits; TypeORM always turns foreign keys on.
    enableWAL: true,
    timeout: SQLITE_BUSY_TIMEOUT_MS,
    prepareDatabase: (db: { pragma(source: string): unknown }) => {
      db.pragma('synchronous = NORMAL');
    },
  };
}

/**
 * Applies the two per-driver adjustments every way a DataSource gets initialized (the apps, the
 * TypeORM CLI, tests), instead of relying on callers to remember them.
 */
class AutopilotDataSource extends DataSource {
  constructor(options: DataSourceOptions) {
    super(options);
    if (options.type === 'better-sqlite3') {
      // Read lazily by TypeORM's create/update-date columns; must equal the migrations' default.
      this.driver.mappedDataTypes.createDateDefault = SQLITE_NOW_MS;
      this.driver.mappedDataTypes.updateDateDefault = SQLITE_NOW_MS;
    }
  }

  protected override async buildMetadatas(): Promise<void> {
    await super.buildMetadatas();
    alignPostgresTimestamps(this);
  }
}

/** PostgreSQL when databaseUrl is set, else SQLite at sqlitePath; not yet connected. */
export function createDataSource(options: DatabaseOptions): DataSource {
  return new AutopilotDataSource(buildDataSourceOptions(options));
}

/** Connects and applies pending migrations (each in its own transaction); returns the same DataSource. */
export async function initializeDatabase(dataSource: DataSource): Promise<DataSource> {
  if (!dataSource.isInitialized) await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}
