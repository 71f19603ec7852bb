import type { DataSource } from 'typeorm';

/**
 * Entities declare timestamps as `Date`, which TypeORM's PostgreSQL metadata reads as "timestamp
 * without time zone", while the migrations create timestamptz. Values behave the same either way
 * (Date objects are instants), but TypeORM's schema diff (`migration:generate`) would then propose
 * altering every timestamp column. Runs right after the metadata is built (createDataSource's
 * DataSource does it); it corrects that DataSource's own metadata only, so SQLite and PostgreSQL
 * DataSources can live in one process.
 */
export function alignPostgresTimestamps(dataSource: DataSource): void {
  if (dataSource.options.type !== 'postgres') return;
  for (const metadata of dataSource.entityMetadatas) {
    for (const column of metadata.columns) {
      if (column.type === Date) column.type = 'timestamptz';
    }
  }
}
