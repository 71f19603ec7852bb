import { IsIn, IsOptional, MaxLength, ValidateIf } from 'class-validator';
import { IsExclusiveWith, IsFutureTimestamp, IsNonEmptyString, RequiresField } from './connect-alpaca.validators';

export const BROKER_ENVIRONMENTS = ['paper', 'live'] as const;
export type BrokerEnvironment = (typeof BROKER_ENVIRONMENTS)[number];

const EITHER = 'send either key_id and secret_key, or access_token';

type Body = Partial<Record<'key_id' | 'secret_key' | 'access_token', unknown>>;
const usesKeyPair = (body: Body): boolean => body.key_id !== undefined || body.secret_key !== undefined;

/**
 * Body of POST /api/accounts/alpaca: an API key pair, or an OAuth access token (optionally with its
 * expiry). With neither, all three fields are reported so the caller sees both options.
 */
export class ConnectAlpacaDto {
  @IsIn(BROKER_ENVIRONMENTS, { message: 'environment must be "paper" or "live"' })
  environment: BrokerEnvironment;

  @ValidateIf((body: Body) => body.access_token === undefined || body.key_id !== undefined)
  @IsNonEmptyString({ message: `key_id is required with secret_key (${EITHER})` })
  @MaxLength(256)
  key_id?: string;

  @ValidateIf((body: Body) => body.access_token === undefined || body.secret_key !== undefined)
  @IsNonEmptyString({ message: `secret_key is required with key_id (${EITHER})` })
  @MaxLength(256)
  secret_key?: string;

  @ValidateIf((body: Body) => body.access_token !== undefined || !usesKeyPair(body))
  @IsNonEmptyString({ message: `access_token is required when no key pair is sent (${EITHER})` })
  @IsExclusiveWith(['key_id', 'secret_key'], { message: `access_token cannot be combined with key_id/secret_key (${EITHER})` })
  @MaxLength(4096)
  access_token?: string;

  @IsOptional()
  @IsFutureTimestamp({ message: 'expires_at must be a future ISO-8601 timestamp with a time zone, e.g. 2030-01-31T00:00:00Z' })
  @RequiresField('access_token', { message: 'expires_at applies only to an access_token' })
  expires_at?: string;
}
