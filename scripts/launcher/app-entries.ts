import { existsSync } from 'node:fs';
import { join } from 'node:path';

export type AppName = 'exchange' | 'worker' | 'api';

/**
 * Compiled entry points, relative to the compiled launcher (dist/scripts/start.js): tsc keeps the
 * source layout under dist/, so apps/api/src/main.ts becomes dist/apps/api/src/main.js.
 */
export function appEntry(name: AppName, launcherDir = __dirname): string {
  return join(launcherDir, '..', '..', 'apps', name, 'src', 'main.js');
}

/** The entry points that do not exist (a build that failed or was skipped). */
export function missingEntries(names: readonly AppName[], launcherDir = __dirname): string[] {
  return names.map((name) => appEntry(name, launcherDir)).filter((path) => !existsSync(path));
}
