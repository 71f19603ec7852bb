import { BadRequestException, Controller, Get, Headers, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { Public } from '../auth/public.decorator';
import { OAuthAuthorizeQuery } from './alpaca-oauth.dto';
import { AlpacaOAuthService } from './alpaca-oauth.service';
import { renderConnectedPage } from './oauth-result.page';

@Controller('api/accounts/alpaca/oauth')
export class AlpacaOAuthController {
  constructor(private readonly oauth: AlpacaOAuthService) {}

  /** 302 to the broker's consent page, or `{ authorize_url }` with ?format=json. */
  @Get('authorize')
  authorize(@CurrentUser() user: AuthenticatedUser, @Query() query: OAuthAuthorizeQuery, @Res() res: Response): void {
    const url = this.oauth.authorizeUrl(user.userId, query.environment ?? 'paper');
    if (query.format === 'json') res.json({ authorize_url: url });
    else res.redirect(302, url);
  }

  /**
   * The broker redirects the user's browser here, without our bearer token: the signed state
   * identifies the user. Each query parameter is read on its own (not as a DTO) so extra
   * parameters a broker may add do not fail the global whitelist.
   */
  @Public()
  @Get('callback')
  async callback(
    @Query('code') code: string | undefined,
    @Query('state') state: string | undefined,
    @Query('error') error: string | undefined,
    @Query('error_description') errorDescription: string | undefined,
    @Headers('accept') accept: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    if (typeof error === 'string') {
      throw new BadRequestException(`Alpaca authorization was not granted: ${typeof errorDescription === 'string' ? errorDescription : error}`);
    }
    if (typeof state !== 'string' || state === '') throw new BadRequestException('state is required');
    if (typeof code !== 'string' || code === '') throw new BadRequestException('code is required');
    const connected = await this.oauth.complete(code, state);
    // A browser finishing the flow gets a page it can show; scripts get JSON.
    if (accept?.includes('text/html')) res.type('html').send(renderConnectedPage(connected));
    else res.json({ message: 'Alpaca account connected', ...connected });
  }
}
