import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { temporalAddress, type AppConfig } from '../../config';
import { APP_CONFIG } from '../config/app-config.token';

/**
 * Closes the gRPC connection when Nest shuts down, so the process can exit without waiting for
 * idle channels to time out.
 */
@Injectable()
class TemporalConnectionCloser implements OnApplicationShutdown {
  constructor(@Inject(Connection) private readonly connection: Connection) {}

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}

/**
 * Provides the Temporal `Client` (and its `Connection`). The connection is lazy: the API boots and
 * answers /health even while Temporal is still starting or down, and connects on first use.
 */
@Global()
@Module({
  providers: [
    {
      provide: Connection,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => Connection.lazy({ address: temporalAddress(config) }),
    },
    {
      provide: Client,
      inject: [Connection, APP_CONFIG],
      useFactory: (connection: Connection, config: AppConfig) =>
        new Client({ connection, namespace: config.temporal.namespace }),
    },
    TemporalConnectionCloser,
  ],
  exports: [Client, Connection],
})
export class TemporalClientModule {}
