import { ConflictException, Injectable, UnauthorizedException } from '@nestjs/common';
import { DataSource, QueryFailedError } from 'typeorm';
import type { AppConfig } from '../../../../libs/config';
import { User } from '../../../../libs/database/entities/user.entity';
import { InjectAppConfig } from '../../../../libs/engine/config/app-config.token';
import { hashPassword, signAccessToken, verifyPassword } from '../../../../libs/security';
import type { LoginDto, RegisterDto } from './auth-credentials.dto';
import { queueSqliteWrite } from '../../../../libs/database/sqlite-write-queue';

/** Lifetime of an API bearer token (seconds): a working day and night, then log in again. */
export const ACCESS_TOKEN_TTL_SECONDS = 24 * 60 * 60;

const INVALID_LOGIN = 'invalid email or password';

// Compared against when the email is unknown, so a login takes as long either way and response
// timing does not reveal which emails have accounts.
let decoyHash: Promise<string> | undefined;
const getDecoyHash = (): Promise<string> => (decoyHash ??= hashPassword('decoy password that never matches'));

export interface IssuedToken {
  user_id: string;
  access_token: string;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    @InjectAppConfig() private readonly config: AppConfig,
  ) {}

  /** The first account ever registered becomes the admin (later issues give admins operator routes). */
  async register(dto: RegisterDto): Promise<IssuedToken> {
    const passwordHash = await hashPassword(dto.password);
    const user = await queueSqliteWrite(this.dataSource, () => this.dataSource.transaction(async (manager) => {
      const users = manager.getRepository(User);
      // Serializes registrations on PostgreSQL so two concurrent first sign-ups cannot both see an
      // empty table and both become admin. SQLite transactions are queued (queueSqliteWrite).
      if (manager.connection.options.type === 'postgres') await manager.query('LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE');
      if (await users.exists({ where: { email: dto.email } })) throw emailTaken();
      const role = (await users.count()) === 0 ? 'admin' : 'user';
      return users.save(users.create({ email: dto.email, passwordHash, role }));
    })).catch((error: unknown) => {
      // Two registrations of one email raced past the exists() check: the unique index decides.
      if (error instanceof QueryFailedError && /unique|duplicate/i.test(error.message)) throw emailTaken();
      throw error;
    });
    return this.issue(user);
  }

  async login(dto: LoginDto): Promise<IssuedToken> {
    const user = await this.dataSource.getRepository(User).findOne({ where: { email: dto.email } });
    const valid = await verifyPassword(dto.password, user?.passwordHash ?? (await getDecoyHash()));
    if (!user || !valid) throw new UnauthorizedException(INVALID_LOGIN);
    return this.issue(user);
  }

  private issue(user: User): IssuedToken {
    return { user_id: user.id, access_token: signAccessToken({ userId: user.id, role: user.role }, this.config.encryptionKey, ACCESS_TOKEN_TTL_SECONDS) };
  }
}

function emailTaken(): ConflictException {
  return new ConflictException('email is already registered');
}
