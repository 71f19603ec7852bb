import { ensureTemporalCli } from './temporal-cli';

/** `npm run setup:temporal`: makes sure the Temporal CLI exists (building it once) and prints its path. */
async function main(): Promise<void> {
  const binary = await ensureTemporalCli();
  process.stdout.write(`${binary}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
