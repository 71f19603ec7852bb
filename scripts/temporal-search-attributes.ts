import { SEARCH_ATTRIBUTES } from '../libs/contracts/search-attributes';
import { runCommand } from './process/executable';
import { temporalCliEnv } from './temporal-cli-env';

export type SearchAttributeSpec = Readonly<Record<string, string>>;

/**
 * Makes sure every custom search attribute the workflows upsert exists on the namespace. The dev
 * server's --search-attribute flags only apply to a new database file, so a restart on an existing
 * $DATA_DIR/temporal.db (or an attribute added in a later release) needs this. Returns the names
 * it created.
 */
export async function ensureSearchAttributes(
  binary: string,
  address: string,
  namespace: string,
  wanted: SearchAttributeSpec = SEARCH_ATTRIBUTES,
): Promise<string[]> {
  const existing = await listCustomSearchAttributes(binary, address, namespace);
  const created: string[] = [];
  for (const [name, type] of Object.entries(wanted)) {
    const current = existing[name];
    if (current !== undefined) {
      if (normalizeType(current) !== normalizeType(type)) {
        throw new Error(
          `Search attribute ${name} exists on namespace ${namespace} as ${current}, but Autopilot needs ${type}.`,
        );
      }
      continue;
    }
    await runCli(binary, [
      'operator', 'search-attribute', 'create',
      '--address', address, '--namespace', namespace, '--name', name, '--type', type,
    ]);
    created.push(name);
  }
  return created;
}

/** name -> type (`INDEXED_VALUE_TYPE_KEYWORD` form, as the CLI prints it). */
export async function listCustomSearchAttributes(
  binary: string,
  address: string,
  namespace: string,
): Promise<Record<string, string>> {
  const stdout = await runCli(binary, [
    'operator', 'search-attribute', 'list', '--address', address, '--namespace', namespace, '--output', 'json',
  ]);
  const parsed = JSON.parse(stdout) as { customAttributes?: Record<string, string> };
  return parsed.customAttributes ?? {};
}

/** `Keyword`, `KEYWORD` and `INDEXED_VALUE_TYPE_KEYWORD` all name the same type. */
export function normalizeType(type: string): string {
  return type.toUpperCase().replace(/^INDEXED_VALUE_TYPE_/, '').replace(/_/g, '');
}

async function runCli(binary: string, args: string[]): Promise<string> {
  const result = await runCommand(binary, args, { env: temporalCliEnv(), timeoutMs: 30_000 });
  if (!result.ok) {
    throw new Error(`temporal ${args.slice(0, 3).join(' ')} failed: ${(result.stderr || result.stdout).trim()}`);
  }
  return result.stdout;
}
