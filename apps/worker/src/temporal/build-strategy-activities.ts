import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../../../../libs/config';
import { createAlpacaBroker } from '../../../../libs/broker/alpaca-broker';
import { loadBrokerCredentials } from '../../../../libs/broker-accounts/load-broker-credentials';
import { createStrategyActivities, type StrategyActivities } from '../../../../activities/strategy-execution/strategy.activities';
import { TypeormExecutionStore } from '../../../../activities/strategy-execution/typeorm-execution-store';

/** Wires the strategy activities to the real database, broker and clock. */
export function buildStrategyActivities(dataSource: DataSource, config: AppConfig, logger: Logger): StrategyActivities {
  const endpoints = { tradingUrl: config.alpaca.tradingUrl, dataUrl: config.alpaca.dataUrl, streamUrl: config.alpaca.streamUrl };
  return createStrategyActivities({
    store: new TypeormExecutionStore(dataSource),
    loadCredentials: (userId) => loadBrokerCredentials(dataSource, userId, config.encryptionKey, new Date()),
    // Temporal retries activities itself, so the SDK's own GET retries would only multiply attempts.
    brokerFor: (credentials) => createAlpacaBroker(credentials, endpoints, { rateLimit: config.alpaca.rateLimit, retry: false }),
    logger,
    now: () => new Date(),
  });
}
