import { join } from 'node:path';
import { startExchange } from './exchange';
import type { NewsSetting } from './news/news-desk';
import { touchFillRatioProblem } from './trading/touch-fill';

// Standalone entry: `node dist/apps/exchange/src/main.js`. Configuration from the environment.
async function main(): Promise<void> {
  const drift = (process.env.EXCHANGE_PRICE_DRIFT ?? 'on').toLowerCase();
  if (drift !== 'on' && drift !== 'off') throw new Error(`EXCHANGE_PRICE_DRIFT must be "on" or "off", got "${drift}"`);
  const port = Number(process.env.EXCHANGE_PORT ?? 4010);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`EXCHANGE_PORT must be a port number, got "${process.env.EXCHANGE_PORT}"`);
  const host = process.env.EXCHANGE_HOST ?? '127.0.0.1';
  const rawRatio = process.env.EXCHANGE_TOUCH_FILL_RATIO;
  const touchFillRatio = rawRatio === undefined || rawRatio === '' ? undefined : Number(rawRatio);
  if (touchFillRatio !== undefined && touchFillRatioProblem(touchFillRatio)) {
    throw new Error(`EXCHANGE_TOUCH_FILL_RATIO must be a number > 0 and <= 1, got "${rawRatio}"`);
  }

  const exchange = await startExchange({
    port,
    host,
    dataFile: join(process.env.DATA_DIR ?? '.data', 'exchange.db'),
    priceDrift: drift === 'on',
    seed: process.env.EXCHANGE_SEED,
    touchFillRatio,
    news: newsSetting(process.env.EXCHANGE_NEWS),
  });
  console.log(`Paper exchange listening on ${exchange.url} (trade_updates stream: ${exchange.streamUrl})`);

  const shutdown = (signal: NodeJS.Signals) => {
    console.log(`Paper exchange stopping (${signal})`);
    exchange.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Paper exchange failed to stop cleanly', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

/** EXCHANGE_NEWS: "seeded", "off", or the path of a JSON headlines file; unset follows the drift. */
function newsSetting(raw: string | undefined): NewsSetting | undefined {
  const value = raw?.trim() ?? '';
  if (value === '') return undefined;
  if (value.toLowerCase() === 'seeded' || value.toLowerCase() === 'off') return value.toLowerCase() as NewsSetting;
  return { file: value };
}

main().catch((error: unknown) => {
  console.error('Paper exchange failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
