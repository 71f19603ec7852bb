import { Check, Column, Entity, Unique } from 'typeorm';
import { CreatedAtColumn, TimestampColumn, UpdatedAtColumn } from '../schema/portable-columns';
import { UserOwnedRecord } from './user-owned-record';

export type BrokerEnvironment = 'paper' | 'live';
export type BrokerAuthType = 'oauth' | 'key';

/**
 * A user's broker connection (the table keeps the old system's name although it also holds key
 * pairs). access_token, key_id and secret_key hold libs/security ciphertext only: services encrypt
 * before saving and decrypt after loading, and nothing here ever sees plaintext.
 */
@Entity({ name: 'alpaca_oauth_tokens' })
// One broker connection per user: connecting again replaces it.
@Unique('uq_alpaca_oauth_tokens_user_id', ['userId'])
@Check('chk_alpaca_oauth_tokens_environment', `"environment" IN ('paper', 'live')`)
@Check(
  'chk_alpaca_oauth_tokens_credentials',
  `("auth_type" = 'oauth' AND "access_token" IS NOT NULL) OR ("auth_type" = 'key' AND "key_id" IS NOT NULL AND "secret_key" IS NOT NULL)`,
)
export class AlpacaOauthToken extends UserOwnedRecord {
  @Column({ name: 'environment', type: 'varchar', length: 8 })
  environment: BrokerEnvironment;

  @Column({ name: 'auth_type', type: 'varchar', length: 8 })
  authType: BrokerAuthType;

  /** Encrypted. */
  @Column({ name: 'access_token', type: 'text', nullable: true })
  accessToken: string | null;

  /** Encrypted. */
  @Column({ name: 'key_id', type: 'text', nullable: true })
  keyId: string | null;

  /** Encrypted. */
  @Column({ name: 'secret_key', type: 'text', nullable: true })
  secretKey: string | null;

  @Column({ name: 'scope', type: 'varchar', length: 255, nullable: true })
  scope: string | null;

  @Column({ name: 'account_number', type: 'varchar', length: 64, nullable: true })
  accountNumber: string | null;

  /** OAuth tokens only; null means it does not expire. */
  @TimestampColumn('expires_at', { nullable: true })
  expiresAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
