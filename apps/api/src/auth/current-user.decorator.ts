import { createParamDecorator, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest, AuthenticatedUser } from './authenticated-user';

/** Injects the caller `{ userId, role }` set by the global auth guard. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthenticatedUser => {
  const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
  // Only reachable on a @Public() route that asks for a user by mistake.
  if (!user) throw new UnauthorizedException('Authentication required');
  return user;
});
