import 'reflect-metadata';
import { dirname } from 'node:path';
import { User } from '../../libs/database/entities/user.entity';
import { createTestDatabase, type TestDatabase } from '../../libs/database/testing/test-database';
import { GRANT_ADMIN_USAGE, runGrantAdmin } from './grant-admin-cli';

jest.setTimeout(30_000);

describe('npm run grant-admin', () => {
  let db: TestDatabase;
  let env: NodeJS.ProcessEnv;
  const lines: string[] = [];
  const run = (...args: string[]) => runGrantAdmin(args, env, (line) => lines.push(line));
  const roleOf = async (email: string) => (await db.dataSource.getRepository(User).findOneByOrFail({ email })).role;

  beforeAll(async () => {
    // The app's own file layout, $DATA_DIR/autopilot.db, which the command finds through DATA_DIR.
    db = await createTestDatabase('sqlite');
    env = { DATA_DIR: dirname(db.sqlitePath!) };
  });
  afterAll(() => db?.drop());
  beforeEach(() => lines.splice(0));

  it('grants the role to the user with that email, whatever its case, and says so', async () => {
    await db.dataSource.getRepository(User).save({ email: 'ops@example.com', passwordHash: 'x', role: 'user' });
    expect(await run('OPS@example.com')).toBe(0);
    expect(lines).toEqual(['✅ OPS@example.com is now an admin']);
    expect(await roleOf('ops@example.com')).toBe('admin');
    expect(await run('ops@example.com')).toBe(0);
    expect(lines[1]).toBe('ops@example.com is already an admin');
  });

  it('refuses an unknown email with exit code 1, and bad usage with 2', async () => {
    expect(await run('nobody@example.com')).toBe(1);
    expect(lines[0]).toMatch(/No user with email nobody@example.com .*register first/);
    expect(await run()).toBe(2);
    expect(await run('not-an-email')).toBe(2);
    expect(await run('a@example.com', 'b@example.com')).toBe(2);
    expect(lines.slice(1)).toEqual([GRANT_ADMIN_USAGE, GRANT_ADMIN_USAGE, GRANT_ADMIN_USAGE]);
  });
});
