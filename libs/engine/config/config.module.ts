import { Global, Module, type DynamicModule } from '@nestjs/common';
import { loadConfig, type AppConfig } from '../../config';
import { APP_CONFIG } from './app-config.token';

/**
 * Makes the process's AppConfig injectable everywhere. Configuration is parsed and validated once
 * (at boot, from process.env) unless a test passes its own.
 */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config?: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: APP_CONFIG, useFactory: () => config ?? loadConfig(process.env) }],
      exports: [APP_CONFIG],
    };
  }
}
