import { Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AppConfig } from '../../../../libs/config';
import { InjectAppConfig } from '../../../../libs/engine/config/app-config.token';
import { TokenError, verifyAccessToken } from '../../../../libs/security';
import type { AuthenticatedRequest } from './authenticated-user';
import { parseBearerToken } from './bearer-token';
import { IS_PUBLIC_ROUTE } from './public.decorator';

const MESSAGES = {
  missing: 'Authentication required: send the header "Authorization: Bearer <access_token>" (POST /api/auth/login gives one)',
  malformed: 'Malformed Authorization header: expected "Bearer <access_token>"',
  expired: 'Access token expired: log in again (POST /api/auth/login)',
  invalid: 'Invalid access token',
} as const;

/**
 * Global guard: every route needs a valid bearer token unless marked @Public(). Secure by default,
 * so a new controller cannot be exposed by forgetting a decorator. The messages never echo the token.
 */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @InjectAppConfig() private readonly config: AppConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_ROUTE, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const parsed = parseBearerToken(request.headers.authorization);
    if ('problem' in parsed) throw new UnauthorizedException(MESSAGES[parsed.problem]);
    try {
      const { userId, role } = verifyAccessToken(parsed.token, this.config.encryptionKey);
      request.user = { userId, role };
      return true;
    } catch (error) {
      if (error instanceof TokenError) throw new UnauthorizedException(error.reason === 'expired' ? MESSAGES.expired : MESSAGES.invalid);
      throw error;
    }
  }
}
