import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Runtime, DefaultLogger } from '@temporalio/worker';
import { ConfigError } from '../../../libs/config';
import { createLogger } from '../../../libs/engine/logger/create-logger';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  // Nest owns shutdown: Temporal's runtime must not install its own signal handlers.
  Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] });
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(), { logger: ['error', 'warn'] });
  app.enableShutdownHooks();
}

bootstrap().catch((err: unknown) => {
  const logger = createLogger('worker');
  if (err instanceof ConfigError) logger.fatal(err.message);
  else logger.fatal({ err }, 'Worker failed to start');
  process.exit(1);
});
