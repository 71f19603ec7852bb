/**
 * The environment for `temporal` CLI calls we make with explicit flags. The CLI also reads
 * TEMPORAL_ADDRESS / TEMPORAL_NAMESPACE / TEMPORAL_API_KEY / TEMPORAL_TLS* from the environment,
 * and the app's own TEMPORAL_ADDRESS (or a user's cloud settings) must not redirect them.
 */
export function temporalCliEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('TEMPORAL_')));
}
