import { ForbiddenException, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { User } from '../../../../libs/database/entities/user.entity';
import type { AuthenticatedRequest } from '../auth/authenticated-user';

/**
 * Operator routes: the caller's role is read from the database on every request, not from the
 * token, so a role granted or revoked (npm run grant-admin) counts at once.
 */
@Injectable()
export class AdminGuard implements CanActivate {
  constructor(private readonly dataSource: DataSource) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const caller = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
    const user = caller ? await this.dataSource.getRepository(User).findOne({ select: { id: true, role: true }, where: { id: caller.userId } }) : null;
    if (user?.role !== 'admin') {
      throw new ForbiddenException('This route needs the operator role (users.role = admin): an admin grants it with `npm run grant-admin -- <email>`');
    }
    return true;
  }
}
