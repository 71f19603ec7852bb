import { QueryFailedError, type DataSource } from 'typeorm';
import type { BrokerCredentials } from '../broker/broker.port';
import { AlpacaOauthToken } from '../database/entities/alpaca-oauth-token.entity';
import { encryptSecret } from '../security/secret-cipher';
import { queueSqliteWrite } from '../database/sqlite-write-queue';

export interface BrokerConnectionInput {
  credentials: BrokerCredentials;
  /** OAuth tokens only; null or absent means it does not expire. */
  expiresAt?: Date | null;
  scope?: string | null;
  accountNumber?: string | null;
}

/**
 * Stores the user's broker connection, replacing any previous one (one per user). Secrets are
 * encrypted here, so no caller can store plaintext by mistake; the other kind's columns are cleared.
 */
export async function saveBrokerCredentials(
  dataSource: DataSource,
  userId: string,
  input: BrokerConnectionInput,
  encryptionKey: Buffer,
): Promise<AlpacaOauthToken> {
  const { credentials } = input;
  const fields = {
    environment: credentials.environment,
    authType: credentials.kind,
    accessToken: credentials.kind === 'oauth' ? encryptSecret(credentials.accessToken, encryptionKey) : null,
    keyId: credentials.kind === 'key' ? encryptSecret(credentials.keyId, encryptionKey) : null,
    secretKey: credentials.kind === 'key' ? encryptSecret(credentials.secretKey, encryptionKey) : null,
    scope: input.scope ?? null,
    accountNumber: input.accountNumber ?? null,
    expiresAt: credentials.kind === 'oauth' ? (input.expiresAt ?? null) : null,
  };
  const repository = dataSource.getRepository(AlpacaOauthToken);
  try {
    return await upsert(dataSource, userId, fields);
  } catch (error) {
    // Two connects of one user raced and the other inserted first: replace its row instead.
    if (!(error instanceof QueryFailedError)) throw error;
    const existing = await repository.findOne({ where: { userId } });
    if (!existing) throw error;
    return repository.save(repository.merge(existing, fields));
  }
}

async function upsert(dataSource: DataSource, userId: string, fields: Partial<AlpacaOauthToken>): Promise<AlpacaOauthToken> {
  return queueSqliteWrite(dataSource, () =>
    dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(AlpacaOauthToken);
      const existing = await repository.findOne({ where: { userId } });
      return repository.save(existing ? repository.merge(existing, fields) : repository.create({ ...fields, userId }));
    }),
  );
}
