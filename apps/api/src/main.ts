import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { Logger } from 'nestjs-pino';
import { ConfigError, loadConfig } from '../../../libs/config';
import { createApiApp } from './create-api-app';

/** Entry point of the API process (`npm run start:api`); the launcher script starts it too. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const app = await createApiApp(config);
  // SIGTERM/SIGINT close the HTTP server, the Temporal connection and the database in order.
  app.enableShutdownHooks();
  await app.listen(config.api.port, config.api.host);
  const { port } = app.getHttpServer().address() as AddressInfo;
  app.get(Logger).log(`API listening on http://${config.api.host}:${port}`, 'Bootstrap');
}

main().catch((error: unknown) => {
  // A ConfigError lists every bad variable (secrets' values hidden); print it without a stack.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
