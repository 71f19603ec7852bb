import type { DataSource } from 'typeorm';
import type { BrokerCredentials } from '../broker/broker.port';
import { AlpacaOauthToken } from '../database/entities/alpaca-oauth-token.entity';
import { decryptSecret, DecryptionError } from '../security/secret-cipher';
import { CredentialsExpiredError, CredentialsNotFoundError } from './credential-errors';

/** True when the connection's token has expired at `now` (key pairs never expire). */
export function isConnectionExpired(connection: Pick<AlpacaOauthToken, 'expiresAt'>, now: Date): boolean {
  return connection.expiresAt !== null && connection.expiresAt.getTime() <= now.getTime();
}

/**
 * The user's broker credentials, decrypted. Throws CredentialsNotFoundError ("Alpaca credentials
 * not found") without a usable row and CredentialsExpiredError ("Alpaca token expired") once an
 * OAuth token's expires_at has passed, the guide's two messages operators grep for.
 */
export async function loadBrokerCredentials(dataSource: DataSource, userId: string, encryptionKey: Buffer, now: Date): Promise<BrokerCredentials> {
  const row = await dataSource.getRepository(AlpacaOauthToken).findOne({ where: { userId } });
  if (!row) throw new CredentialsNotFoundError();
  if (isConnectionExpired(row, now)) throw new CredentialsExpiredError();
  try {
    return decryptCredentials(row, encryptionKey);
  } catch (error) {
    if (!(error instanceof DecryptionError)) throw error;
    // The row exists but is unusable, typically because ENCRYPTION_KEY changed: same remedy as a
    // missing connection (connect again), so the same non-retryable error with the cause spelled out.
    throw new CredentialsNotFoundError('Alpaca credentials not found: the stored credentials cannot be decrypted with the current encryption key; connect the account again');
  }
}

function decryptCredentials(row: AlpacaOauthToken, key: Buffer): BrokerCredentials {
  if (row.authType === 'oauth' && row.accessToken) {
    return { kind: 'oauth', accessToken: decryptSecret(row.accessToken, key), environment: row.environment };
  }
  if (row.authType === 'key' && row.keyId && row.secretKey) {
    return { kind: 'key', keyId: decryptSecret(row.keyId, key), secretKey: decryptSecret(row.secretKey, key), environment: row.environment };
  }
  throw new CredentialsNotFoundError(`Alpaca credentials not found: the stored ${row.authType} connection is incomplete; connect the account again`);
}
