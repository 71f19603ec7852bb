/**
 * Thrown by loadConfig when any environment variable is invalid. The message lists every problem
 * at once so an operator fixes the environment in one pass; values of secrets never appear in it.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n- ${problems.join('\n- ')}`);
  }
}
