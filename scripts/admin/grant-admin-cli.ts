import { ConfigError, loadConfig } from '../../libs/config';
import { createDataSource, initializeDatabase } from '../../libs/database';
import { grantAdminRole } from './grant-admin-role';

export const GRANT_ADMIN_USAGE = 'usage: npm run grant-admin -- <email>';

/**
 * `npm run grant-admin -- <email>`: the operator role for an existing user, in the database the
 * environment configures (DATABASE_URL, or the SQLite file in DATA_DIR), as the API and worker
 * see it. Returns the exit code: 0 granted (or already admin), 1 unknown email or bad
 * configuration, 2 bad usage. The role counts at once: operator routes read it from the database.
 */
export async function runGrantAdmin(args: readonly string[], env: NodeJS.ProcessEnv, print: (line: string) => void): Promise<number> {
  const email = args[0]?.trim();
  if (!email || args.length !== 1 || !email.includes('@')) {
    print(GRANT_ADMIN_USAGE);
    return 2;
  }
  let config;
  try {
    // No key file: granting a role needs no encryption key, and must not create one.
    config = loadConfig(env, { keyFile: false });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    print(err.message);
    return 1;
  }
  const dataSource = await initializeDatabase(createDataSource(config.database));
  try {
    const outcome = await grantAdminRole(dataSource, email);
    if (outcome === 'unknown_email') {
      print(`No user with email ${email} in ${config.database.kind === 'sqlite' ? config.database.sqlitePath : 'the PostgreSQL database'}: register first (POST /api/auth/register)`);
      return 1;
    }
    print(outcome === 'granted' ? `✅ ${email} is now an admin` : `${email} is already an admin`);
    return 0;
  } finally {
    await dataSource.destroy();
  }
}
