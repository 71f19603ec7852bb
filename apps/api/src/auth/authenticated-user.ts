import type { Request } from 'express';

export type UserRole = 'admin' | 'user';

/** Who is calling, as established by the bearer token. */
export interface AuthenticatedUser {
  userId: string;
  role: UserRole;
}

/** An Express request that passed the auth guard. */
export interface AuthenticatedRequest extends Request {
  user?: AuthenticatedUser;
}
