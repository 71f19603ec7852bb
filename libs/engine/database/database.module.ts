import { Global, Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config';
import { createDataSource, initializeDatabase } from '../../database';
import { APP_CONFIG } from '../config/app-config.token';

export interface DatabaseModuleOptions {
  /**
   * An initialized DataSource owned by the caller (a test's database): used as is and left open at
   * shutdown. Without it the module opens the configured database, migrates it, and closes it.
   */
  dataSource?: DataSource;
}

const OWNS_DATA_SOURCE = Symbol('OwnsDataSource');

@Injectable()
class DataSourceCloser implements OnApplicationShutdown {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(OWNS_DATA_SOURCE) private readonly owned: boolean,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.owned && this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/**
 * Provides the TypeORM DataSource, migrated before any other provider can use it. Services take
 * repositories with `dataSource.getRepository(Entity)`.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions = {}): DynamicModule {
    const { dataSource } = options;
    return {
      module: DatabaseModule,
      providers: [
        { provide: OWNS_DATA_SOURCE, useValue: dataSource === undefined },
        dataSource
          ? { provide: DataSource, useValue: dataSource }
          : {
              provide: DataSource,
              inject: [APP_CONFIG],
              useFactory: async (config: AppConfig) => {
                const created = createDataSource(config.database);
                await initializeDatabase(created);
                return created;
              },
            },
        DataSourceCloser,
      ],
      exports: [DataSource],
    };
  }
}
