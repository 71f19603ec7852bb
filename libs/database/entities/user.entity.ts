import { Check, Column, Entity, Unique } from 'typeorm';
import { CreatedAtColumn, IdColumn, JsonColumn, UpdatedAtColumn } from '../schema/portable-columns';

export const USER_ROLES = ['user', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** Per-user overrides of the risk rules' limits; rule names map to their own settings. */
export type RiskLimits = Record<string, unknown>;

// Emails are compared case-insensitively: store them lowercased, and lowercase lookups too
// (TypeORM applies column transformers to find() conditions).
const lowercase = {
  to: (value: string | null | undefined) => (typeof value === 'string' ? value.trim().toLowerCase() : value),
  from: (value: string) => value,
};

@Entity({ name: 'users' })
@Unique('uq_users_email', ['email'])
@Check('chk_users_role', `"role" IN ('user', 'admin')`)
export class User {
  @IdColumn()
  id: string;

  @Column({ name: 'email', type: 'varchar', length: 320, transformer: lowercase })
  email: string;

  /** scrypt hash from libs/security; never the password. */
  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash: string;

  @Column({ name: 'role', type: 'varchar', length: 16, default: 'user' })
  role: UserRole;

  @JsonColumn('risk_limits', { nullable: true })
  riskLimits: RiskLimits | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
