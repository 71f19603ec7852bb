import { IsIn, IsOptional } from 'class-validator';
import { BROKER_ENVIRONMENTS, type BrokerEnvironment } from './connect-alpaca.dto';

/** Query of GET /api/accounts/alpaca/oauth/authorize. */
export class OAuthAuthorizeQuery {
  @IsOptional()
  @IsIn(BROKER_ENVIRONMENTS, { message: 'environment must be "paper" or "live"' })
  environment?: BrokerEnvironment;

  /** `json` answers `{ authorize_url }` instead of redirecting, for CLI users who open it themselves. */
  @IsOptional()
  @IsIn(['json', 'redirect'], { message: 'format must be "json" or "redirect"' })
  format?: 'json' | 'redirect';
}
