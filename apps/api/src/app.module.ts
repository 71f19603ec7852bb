import { Module, type DynamicModule } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../../../libs/config';
import { ConfigModule } from '../../../libs/engine/config/config.module';
import { DatabaseModule } from '../../../libs/engine/database/database.module';
import { LoggerModule } from '../../../libs/engine/logger/logger.module';
import { TemporalClientModule } from '../../../libs/engine/temporal/temporal-client.module';
import { AccountsModule } from './accounts/accounts.module';
import { AdminModule } from './admin/admin.module';
import { AuthModule } from './auth/auth.module';
import { EmergencyModule } from './emergency/emergency.module';
import { HealthModule } from './health/health.module';
import { StrategiesModule } from './strategies/strategies.module';
import { UsersModule } from './users/users.module';

export interface ApiAppOptions {
  /** Parsed once at boot (main.ts) or built by a test. */
  config: AppConfig;
  /** A test's own initialized database; otherwise the configured one is opened and migrated. */
  dataSource?: DataSource;
}

/** The HTTP API: a Temporal client and a database user; it never runs strategy logic itself. */
@Module({})
export class AppModule {
  static forRoot(options: ApiAppOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(options.config),
        LoggerModule.forRoot('api'),
        DatabaseModule.forRoot({ dataSource: options.dataSource }),
        TemporalClientModule,
        AuthModule,
        UsersModule,
        AccountsModule,
        HealthModule,
        StrategiesModule,
        EmergencyModule,
        AdminModule,
      ],
    };
  }
}
