import { Body, Controller, Delete, Get, Post } from '@nestjs/common';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { AlpacaAccountsService, type AccountStatus, type ConnectedAccount } from './alpaca-accounts.service';
import { ConnectAlpacaDto } from './connect-alpaca.dto';

@Controller('api/accounts/alpaca')
export class AlpacaAccountsController {
  constructor(private readonly accounts: AlpacaAccountsService) {}

  @Post()
  connect(@CurrentUser() user: AuthenticatedUser, @Body() dto: ConnectAlpacaDto): Promise<ConnectedAccount> {
    return this.accounts.connectWithBody(user.userId, dto);
  }

  @Get()
  status(@CurrentUser() user: AuthenticatedUser): Promise<AccountStatus> {
    return this.accounts.status(user.userId);
  }

  @Delete()
  disconnect(@CurrentUser() user: AuthenticatedUser): Promise<{ connected: false }> {
    return this.accounts.disconnect(user.userId);
  }
}
