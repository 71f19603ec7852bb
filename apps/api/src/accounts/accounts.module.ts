import { Module } from '@nestjs/common';
import { AlpacaAccountsController } from './alpaca-accounts.controller';
import { AlpacaAccountsService } from './alpaca-accounts.service';
import { AlpacaOAuthController } from './alpaca-oauth.controller';
import { AlpacaOAuthService } from './alpaca-oauth.service';
import { UserBrokerService } from './user-broker.service';

/** The user's broker connection: key pair or OAuth token, verified, stored encrypted. */
@Module({
  controllers: [AlpacaAccountsController, AlpacaOAuthController],
  providers: [AlpacaAccountsService, AlpacaOAuthService, UserBrokerService],
  exports: [AlpacaAccountsService, UserBrokerService],
})
export class AccountsModule {}
