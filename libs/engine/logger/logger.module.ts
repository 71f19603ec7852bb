import { Global, Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule as PinoLoggerModule } from 'nestjs-pino';
import type { AppConfig } from '../../config';
import { APP_CONFIG } from '../config/app-config.token';
import { createLogger } from './create-logger';
import { serializeRequest, serializeResponse } from './log-redaction';

/**
 * Structured request and application logs through nestjs-pino. Use in the API and the worker
 * (in an application context the HTTP middleware simply never runs).
 */
@Global()
@Module({})
export class LoggerModule {
  static forRoot(name: string): DynamicModule {
    return {
      module: LoggerModule,
      imports: [
        PinoLoggerModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            pinoHttp: {
              logger: createLogger(name, { level: config.logLevel }),
              serializers: { req: serializeRequest, res: serializeResponse },
              // Health probes hit every few seconds; logging each would drown the useful lines.
              autoLogging: { ignore: (req) => req.url?.startsWith('/health') === true },
            },
          }),
        }),
      ],
      exports: [PinoLoggerModule],
    };
  }
}
