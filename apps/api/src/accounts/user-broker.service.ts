import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createAlpacaBroker } from '../../../../libs/broker/alpaca-broker';
import type { Broker } from '../../../../libs/broker/broker.port';
import { loadBrokerCredentials } from '../../../../libs/broker-accounts/load-broker-credentials';
import type { AppConfig } from '../../../../libs/config';
import { InjectAppConfig } from '../../../../libs/engine/config/app-config.token';

/** Budget (ms) of one broker request made while a person waits on the API's answer. */
const REQUEST_TIMEOUT_MS = 10_000;

/**
 * The broker bound to a user's stored connection, for what the API does at the broker before it
 * answers (a grid's start check, the emergency stop).
 */
@Injectable()
export class UserBrokerService {
  constructor(
    private readonly dataSource: DataSource,
    @InjectAppConfig() private readonly config: AppConfig,
  ) {}

  /** Throws CredentialsNotFoundError / CredentialsExpiredError when the user has no usable connection. */
  async brokerFor(userId: string): Promise<Broker> {
    const credentials = await loadBrokerCredentials(this.dataSource, userId, this.config.encryptionKey, new Date());
    const { tradingUrl, dataUrl, rateLimit } = this.config.alpaca;
    // Fail fast with the reason rather than have the SDK retry for a minute behind an open request.
    return createAlpacaBroker(credentials, { tradingUrl, dataUrl }, { rateLimit, retry: false, timeoutMs: REQUEST_TIMEOUT_MS });
  }
}
