import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { checkBrokerCredentials } from '../../../../libs/broker';
import type { BrokerAccount, BrokerCredentials } from '../../../../libs/broker/broker.port';
import type { AppConfig } from '../../../../libs/config';
import { AlpacaOauthToken, type BrokerAuthType, type BrokerEnvironment } from '../../../../libs/database/entities/alpaca-oauth-token.entity';
import { InjectAppConfig } from '../../../../libs/engine/config/app-config.token';
import { CredentialsExpiredError } from '../../../../libs/broker-accounts/credential-errors';
import { isConnectionExpired, loadBrokerCredentials } from '../../../../libs/broker-accounts/load-broker-credentials';
import { saveBrokerCredentials } from '../../../../libs/broker-accounts/save-broker-credentials';
import { toBrokerAccountView, type BrokerAccountView } from './broker-account.view';
import { credentialsCheckFailure } from './broker-verification';
import type { ConnectAlpacaDto } from './connect-alpaca.dto';

/** Budget (ms) of one credentials check against the broker. */
const CHECK_TIMEOUT_MS = 10_000;

export interface ConnectedAccount {
  connected: true;
  environment: BrokerEnvironment;
  auth_type: BrokerAuthType;
  account: BrokerAccountView;
}

export type AccountStatus =
  | { connected: false }
  | {
      connected: true;
      environment: BrokerEnvironment;
      auth_type: BrokerAuthType;
      expires_at: string | null;
      connected_at: string;
      account?: BrokerAccountView;
      /** Why the live account could not be shown (expired token, revoked keys, broker down). */
      account_error?: string;
    };

export interface NewConnection {
  credentials: BrokerCredentials;
  expiresAt?: Date | null;
  scope?: string | null;
}

/** The user's one broker connection: verified against the broker before it is stored, encrypted. */
@Injectable()
export class AlpacaAccountsService {
  constructor(
    private readonly dataSource: DataSource,
    @InjectAppConfig() private readonly config: AppConfig,
  ) {}

  connectWithBody(userId: string, dto: ConnectAlpacaDto): Promise<ConnectedAccount> {
    const credentials: BrokerCredentials =
      dto.access_token !== undefined
        ? { kind: 'oauth', accessToken: dto.access_token, environment: dto.environment }
        : { kind: 'key', keyId: dto.key_id ?? '', secretKey: dto.secret_key ?? '', environment: dto.environment };
    return this.connect(userId, { credentials, expiresAt: dto.expires_at ? new Date(dto.expires_at) : null });
  }

  /** Nothing is stored unless the broker accepted the credentials. */
  async connect(userId: string, connection: NewConnection): Promise<ConnectedAccount> {
    const account = await this.verify(connection.credentials);
    await saveBrokerCredentials(this.dataSource, userId, { ...connection, accountNumber: account.accountNumber }, this.config.encryptionKey);
    return {
      connected: true,
      environment: connection.credentials.environment,
      auth_type: connection.credentials.kind,
      account: toBrokerAccountView(account),
    };
  }

  /** The stored connection plus the live account; a broker failure is reported, not thrown. */
  async status(userId: string, now = new Date()): Promise<AccountStatus> {
    const row = await this.dataSource.getRepository(AlpacaOauthToken).findOne({ where: { userId } });
    if (!row) return { connected: false };
    const base = {
      connected: true as const,
      environment: row.environment,
      auth_type: row.authType,
      expires_at: row.expiresAt?.toISOString() ?? null,
      connected_at: row.updatedAt.toISOString(),
    };
    if (isConnectionExpired(row, now)) return { ...base, account_error: new CredentialsExpiredError().message };
    try {
      const credentials = await loadBrokerCredentials(this.dataSource, userId, this.config.encryptionKey, now);
      return { ...base, account: toBrokerAccountView(await this.verify(credentials)) };
    } catch (error) {
      return { ...base, account_error: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Idempotent: disconnecting twice is not an error. Running strategies fail "Alpaca credentials not found" from now on. */
  async disconnect(userId: string): Promise<{ connected: false }> {
    await this.dataSource.getRepository(AlpacaOauthToken).delete({ userId });
    return { connected: false };
  }

  private async verify(credentials: BrokerCredentials): Promise<BrokerAccount> {
    try {
      const { tradingUrl, dataUrl, rateLimit } = this.config.alpaca;
      // A person is waiting on this answer: fail fast with the reason rather than retry for a minute.
      return await checkBrokerCredentials(credentials, { tradingUrl, dataUrl }, { rateLimit, retry: false, timeoutMs: CHECK_TIMEOUT_MS });
    } catch (error) {
      throw credentialsCheckFailure(error);
    }
  }
}
