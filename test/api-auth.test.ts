import { signAccessToken } from '../libs/security';
import { startApiTestStack, type ApiTestStack } from './support/api-test-stack';
import { registerUser } from './support/api-users';

jest.setTimeout(30_000);

describe.each(['sqlite', 'postgres'] as const)('API auth on %s', (kind) => {
  let stack: ApiTestStack;

  beforeAll(async () => {
    stack = await startApiTestStack(kind);
  });
  afterAll(() => stack?.close());

  it('makes the first registered user the admin, later ones plain users', async () => {
    const first = await registerUser(stack, 'First.Admin@Example.com');
    const second = await registerUser(stack);

    const me = await stack.http().get('/api/users/me').set('Authorization', first.auth).expect(200);
    expect(me.body).toEqual({ user_id: first.userId, email: 'first.admin@example.com', role: 'admin', created_at: expect.any(String) });
    expect(Number.isNaN(Date.parse(me.body.created_at))).toBe(false);
    const other = await stack.http().get('/api/users/me').set('Authorization', second.auth).expect(200);
    expect(other.body).toMatchObject({ user_id: second.userId, role: 'user' });
  });

  it('answers register with 201 {user_id, access_token} and stores only a password hash', async () => {
    const res = await stack.http().post('/api/auth/register').send({ email: 'hash-check@example.com', password: 'correct horse battery' }).expect(201);
    expect(res.body).toEqual({ user_id: expect.any(String), access_token: expect.any(String) });
    const row = await stack.dataSource.createQueryBuilder().select('*').from('users', 'u').where('u.id = :id', { id: res.body.user_id }).getRawOne();
    expect(row.email).toBe('hash-check@example.com');
    expect(JSON.stringify(row)).not.toContain('correct horse battery');
    expect(row.password_hash).toMatch(/^scrypt\$/);
  });

  it('refuses a duplicate email with 409, whatever its case', async () => {
    const user = await registerUser(stack);
    const res = await stack.http().post('/api/auth/register').send({ email: user.email.toUpperCase(), password: 'another password' }).expect(409);
    expect(res.body.message).toBe('email is already registered');
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ['a bad email and short password', { email: 'not-an-email', password: 'short' }, ['email', 'password']],
    ['an empty body', {}, ['email', 'password']],
    ['an unknown field', { email: 'x@example.com', password: 'long enough', role: 'admin' }, ['role']],
  ])('rejects %s with 400 naming each bad field', async (_label, body, fields) => {
    const res = await stack.http().post('/api/auth/register').send(body).expect(400);
    expect([...res.body.fields].sort()).toEqual(fields);
    for (const field of fields) expect(res.body.message.join(' ')).toContain(field);
  });

  it('logs in with 200 {access_token, user_id}, the email case-insensitive', async () => {
    const user = await registerUser(stack);
    const res = await stack.http().post('/api/auth/login').send({ email: user.email.toUpperCase(), password: user.password }).expect(200);
    expect(res.body).toEqual({ access_token: expect.any(String), user_id: user.userId });
    await stack.http().get('/api/users/me').set('Authorization', `Bearer ${res.body.access_token}`).expect(200);
  });

  it('answers a wrong password and an unknown email with the same 401', async () => {
    const user = await registerUser(stack);
    const wrong = await stack.http().post('/api/auth/login').send({ email: user.email, password: 'wrong password' }).expect(401);
    const unknown = await stack.http().post('/api/auth/login').send({ email: 'nobody@example.com', password: 'whatever1' }).expect(401);
    expect(wrong.body.message).toBe('invalid email or password');
    expect(unknown.body).toEqual(wrong.body);
  });

  it.each<[string, Record<string, string>, RegExp]>([
    ['no Authorization header', {}, /Authentication required/],
    ['a non-bearer scheme', { Authorization: 'Basic dXNlcjpwYXNz' }, /Malformed Authorization header/],
    ['a forged token', { Authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl' }, /Invalid access token/],
    ['garbage', { Authorization: 'Bearer not-a-token' }, /Invalid access token/],
  ])('refuses a protected route with %s: 401 and a clear message', async (_label, headers, message) => {
    const res = await stack.http().get('/api/users/me').set(headers).expect(401);
    expect(res.body.message).toMatch(message);
  });

  it('refuses an expired token, saying so', async () => {
    const user = await registerUser(stack);
    const expired = signAccessToken({ userId: user.userId, role: 'user' }, stack.config.encryptionKey, 60, Date.now() - 3_600_000);
    const res = await stack.http().get('/api/users/me').set('Authorization', `Bearer ${expired}`).expect(401);
    expect(res.body.message).toMatch(/expired/);
  });

  it('refuses a token signed with another server key', async () => {
    const user = await registerUser(stack);
    const foreign = signAccessToken({ userId: user.userId, role: 'admin' }, Buffer.alloc(32, 7), 3600);
    await stack.http().get('/api/users/me').set('Authorization', `Bearer ${foreign}`).expect(401);
  });

  it.each([
    ['get', '/api/accounts/alpaca'],
    ['post', '/api/accounts/alpaca'],
    ['delete', '/api/accounts/alpaca'],
    ['get', '/api/accounts/alpaca/oauth/authorize'],
  ] as const)('guards %s %s', async (method, path) => {
    await stack.http()[method](path).expect(401);
  });

  it('keeps /health public', async () => {
    await stack.http().get('/health').expect(200, { status: 'ok' });
  });
});

describe.each(['sqlite', 'postgres'] as const)('API first sign-up race on %s', (kind) => {
  let stack: ApiTestStack;

  beforeAll(async () => {
    stack = await startApiTestStack(kind);
  });
  afterAll(() => stack?.close());

  it('makes exactly one admin when the first registrations arrive together', async () => {
    const users = await Promise.all(Array.from({ length: 4 }, () => registerUser(stack)));
    const roles = await Promise.all(users.map(async (u) => (await stack.http().get('/api/users/me').set('Authorization', u.auth).expect(200)).body.role));
    expect(roles.filter((role) => role === 'admin')).toHaveLength(1);
  });

  it('registers one email once when the same sign-up is sent twice at once', async () => {
    const body = { email: 'twice@example.com', password: 'password one' };
    const statuses = await Promise.all([0, 1].map(async () => (await stack.http().post('/api/auth/register').send(body)).status));
    expect(statuses.sort()).toEqual([201, 409]);
  });
});
