import { BadRequestException, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { exchangeOAuthCode } from '../../../../libs/broker';
import { BrokerError } from '../../../../libs/broker/broker.errors';
import type { AppConfig } from '../../../../libs/config';
import { User } from '../../../../libs/database/entities/user.entity';
import { InjectAppConfig } from '../../../../libs/engine/config/app-config.token';
import { signState, TokenError, verifyState } from '../../../../libs/security';
import { AlpacaAccountsService, type ConnectedAccount } from './alpaca-accounts.service';
import { BROKER_ENVIRONMENTS, type BrokerEnvironment } from './connect-alpaca.dto';

/** The user has this long (seconds) to approve at the broker before the state is refused. */
const STATE_TTL_SECONDS = 10 * 60;
// Alpaca's scopes: account:write to read/modify the account, trading to place orders.
const OAUTH_SCOPE = 'account:write trading';
export const OAUTH_CALLBACK_PATH = '/api/accounts/alpaca/oauth/callback';

interface OAuthState {
  userId: string;
  environment: BrokerEnvironment;
}

/**
 * Alpaca's OAuth authorization-code flow. The signed `state` carries who started it, so the
 * callback (which arrives from the user's browser without our bearer token) knows whose account
 * to connect, and a forged or replayed-late callback is refused.
 */
@Injectable()
export class AlpacaOAuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: AlpacaAccountsService,
    @InjectAppConfig() private readonly config: AppConfig,
  ) {}

  authorizeUrl(userId: string, environment: BrokerEnvironment): string {
    const { oauth } = this.config.alpaca;
    const state = signState({ userId, environment }, this.config.encryptionKey, STATE_TTL_SECONDS);
    // Built by hand: URLSearchParams writes spaces as '+', and Alpaca documents the scope with %20.
    const query = [
      ['response_type', 'code'],
      ['client_id', oauth.clientId],
      ['redirect_uri', this.redirectUri()],
      ['state', state],
      ['scope', OAUTH_SCOPE],
    ]
      .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
      .join('&');
    return `${oauth.authorizeUrl}?${query}`;
  }

  async complete(code: string, state: string): Promise<ConnectedAccount> {
    const { userId, environment } = this.readState(state);
    if (!(await this.dataSource.getRepository(User).exists({ where: { id: userId } }))) {
      throw new BadRequestException('the user who started this authorization no longer exists');
    }
    const { oauth } = this.config.alpaca;
    let token: { accessToken: string; scope?: string };
    try {
      token = await exchangeOAuthCode({ tokenUrl: oauth.tokenUrl, code, clientId: oauth.clientId, clientSecret: oauth.clientSecret, redirectUri: this.redirectUri() });
    } catch (error) {
      if (error instanceof BrokerError) throw new BadRequestException(`Alpaca refused the authorization code: ${error.message}`);
      throw error;
    }
    return this.accounts.connect(userId, { credentials: { kind: 'oauth', accessToken: token.accessToken, environment }, scope: token.scope ?? null });
  }

  private readState(state: string): OAuthState {
    let payload: Record<string, unknown>;
    try {
      payload = verifyState(state, this.config.encryptionKey);
    } catch (error) {
      if (!(error instanceof TokenError)) throw error;
      const why = error.reason === 'expired' ? 'it expired; start again from /api/accounts/alpaca/oauth/authorize' : 'it is not one this server issued';
      throw new BadRequestException(`invalid OAuth state: ${why}`);
    }
    const { userId, environment } = payload;
    if (typeof userId !== 'string' || !BROKER_ENVIRONMENTS.includes(environment as BrokerEnvironment)) {
      throw new BadRequestException('invalid OAuth state: missing user or environment');
    }
    return { userId, environment: environment as BrokerEnvironment };
  }

  private redirectUri(): string {
    return `${this.config.api.publicUrl.replace(/\/+$/, '')}${OAUTH_CALLBACK_PATH}`;
  }
}
