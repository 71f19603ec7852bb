import type { AppConfig } from '../../../../libs/config';
import { createAlpacaBroker } from '../../../../libs/broker/alpaca-broker';
import type { Broker, BrokerCredentials } from '../../../../libs/broker/broker.port';

/** Builds the broker of one account for the worker's activities and monitors. */
export function brokerFactory(config: AppConfig): (credentials: BrokerCredentials) => Broker {
  const endpoints = { tradingUrl: config.alpaca.tradingUrl, dataUrl: config.alpaca.dataUrl, streamUrl: config.alpaca.streamUrl };
  // Temporal retries activities itself, so the SDK's own GET retries would only multiply attempts.
  return (credentials) => createAlpacaBroker(credentials, endpoints, { rateLimit: config.alpaca.rateLimit, retry: false });
}
