import type { TemporalDevServer } from '../../scripts/temporal-dev-server';
import { TEMPORAL_TEST_SERVER_KEY } from './global-setup';

/** Stops the dev server global-setup started (none when TEMPORAL_TEST_ADDRESS was given). */
export default async function globalTeardown(): Promise<void> {
  const store = globalThis as Record<string, unknown>;
  const server = store[TEMPORAL_TEST_SERVER_KEY] as TemporalDevServer | undefined;
  if (server === undefined) return;
  delete store[TEMPORAL_TEST_SERVER_KEY];
  delete process.env.TEMPORAL_TEST_ADDRESS;
  await server.stop();
}
