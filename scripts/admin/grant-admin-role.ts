import type { DataSource } from 'typeorm';
import { User } from '../../libs/database/entities/user.entity';

export type GrantOutcome = 'granted' | 'already_admin' | 'unknown_email';

/** Gives the user with this email (case-insensitive) the operator role, users.role = 'admin'. */
export async function grantAdminRole(dataSource: DataSource, email: string): Promise<GrantOutcome> {
  const users = dataSource.getRepository(User);
  // The entity's transformer lowercases the email in the condition, as it does when storing it.
  const user = await users.findOne({ where: { email } });
  if (!user) return 'unknown_email';
  if (user.role === 'admin') return 'already_admin';
  await users.update({ id: user.id }, { role: 'admin' });
  return 'granted';
}
