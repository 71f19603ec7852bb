import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { withoutWiringNoise } from '../../../libs/engine/logger/framework-noise-filter';
import { AppModule, type ApiAppOptions } from './app.module';
import { createValidationPipe } from './validation/create-validation-pipe';

/**
 * Builds the API application, fully wired but not listening: main.ts listens on the configured
 * address, e2e tests drive `app.getHttpServer()` through supertest.
 */
export async function createApiApp(config: ApiAppOptions['config'], options: Omit<ApiAppOptions, 'config'> = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ config, ...options }), { bufferLogs: true });
  app.useLogger(withoutWiringNoise(app.get(Logger)));
  app.disable('x-powered-by');
  app.useGlobalPipes(createValidationPipe());
  await app.init();
  return app;
}
