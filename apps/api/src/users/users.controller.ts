import { Controller, Get, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { User } from '../../../../libs/database/entities/user.entity';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';

export interface UserProfile {
  user_id: string;
  email: string;
  role: string;
  created_at: string;
}

@Controller('api/users')
export class UsersController {
  constructor(private readonly dataSource: DataSource) {}

  @Get('me')
  async me(@CurrentUser() caller: AuthenticatedUser): Promise<UserProfile> {
    const user = await this.dataSource.getRepository(User).findOne({ where: { id: caller.userId } });
    // A valid token of a since-deleted account.
    if (!user) throw new NotFoundException('user not found');
    return { user_id: user.id, email: user.email, role: user.role, created_at: user.createdAt.toISOString() };
  }
}
