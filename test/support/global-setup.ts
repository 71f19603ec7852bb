import { waitForTemporal } from '../../scripts/wait-for-temporal';
import { startTestTemporalServer } from './temporal-test-server';

/** Where global-teardown finds the server: jest runs set-up and teardown in the same parent process. */
export const TEMPORAL_TEST_SERVER_KEY = '__autopilotTemporalTestServer';

/**
 * Jest global set-up of the integration project: one Temporal dev server (in-memory) for the whole
 * run, because starting one per test file costs seconds each on a 2-core box. Tests read
 * TEMPORAL_TEST_ADDRESS and TEMPORAL_TEST_NAMESPACE. Set TEMPORAL_TEST_ADDRESS yourself to use a
 * server you already run.
 */
export default async function globalSetup(): Promise<void> {
  process.env.TEMPORAL_TEST_NAMESPACE ??= 'default';
  if (process.env.TEMPORAL_TEST_ADDRESS) {
    // A server the caller runs: fail here with one clear message rather than in every test file.
    await waitForTemporal(process.env.TEMPORAL_TEST_ADDRESS, 30_000, { namespace: process.env.TEMPORAL_TEST_NAMESPACE });
    return;
  }
  const server = await startTestTemporalServer({ namespace: process.env.TEMPORAL_TEST_NAMESPACE });
  process.env.TEMPORAL_TEST_ADDRESS = server.address;
  (globalThis as Record<string, unknown>)[TEMPORAL_TEST_SERVER_KEY] = server;
}
