import { AlpacaOauthToken } from '../libs/database/entities/alpaca-oauth-token.entity';
import { startApiTestStack, type ApiTestStack } from './support/api-test-stack';
import { createPaperAccount, registerUser, type RegisteredUser } from './support/api-users';

jest.setTimeout(30_000);

async function rawConnection(stack: ApiTestStack, userId: string): Promise<Record<string, unknown> | undefined> {
  return stack.dataSource.createQueryBuilder().select('*').from('alpaca_oauth_tokens', 't').where('t.user_id = :userId', { userId }).getRawOne();
}

async function mintAccessToken(stack: ApiTestStack, keyId: string): Promise<string> {
  const res = await fetch(`${stack.exchange.url}/admin/oauth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ key_id: keyId }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

const ACCOUNT_SHAPE = {
  account_number: expect.any(String),
  status: 'ACTIVE',
  cash: 25_000,
  buying_power: expect.any(Number),
  equity: 25_000,
};

describe.each(['sqlite', 'postgres'] as const)('API accounts on %s', (kind) => {
  let stack: ApiTestStack;
  let user: RegisteredUser;

  beforeAll(async () => {
    stack = await startApiTestStack(kind);
  });
  afterAll(() => stack?.close());
  beforeEach(async () => {
    user = await registerUser(stack);
  });

  it('shows no connection before one is made', async () => {
    await stack.http().get('/api/accounts/alpaca').set('Authorization', user.auth).expect(200, { connected: false });
  });

  it('connects a key pair after checking it, and stores it encrypted', async () => {
    const keys = await createPaperAccount(stack, 25_000);
    const res = await stack.http().post('/api/accounts/alpaca').set('Authorization', user.auth).send({ environment: 'paper', ...keys }).expect(201);
    expect(res.body).toEqual({ connected: true, environment: 'paper', auth_type: 'key', account: expect.objectContaining(ACCOUNT_SHAPE) });

    const row = await rawConnection(stack, user.userId);
    expect(row).toMatchObject({ environment: 'paper', auth_type: 'key', account_number: res.body.account.account_number, access_token: null });
    expect(JSON.stringify(row)).not.toContain(keys.secret_key);
    expect(JSON.stringify(row)).not.toContain(keys.key_id);

    const status = await stack.http().get('/api/accounts/alpaca').set('Authorization', user.auth).expect(200);
    expect(status.body).toMatchObject({ connected: true, environment: 'paper', auth_type: 'key', expires_at: null, account: ACCOUNT_SHAPE });
  });

  it('refuses keys the broker rejects with 400 carrying its reason, and stores nothing', async () => {
    const keys = await createPaperAccount(stack);
    const res = await stack
      .http()
      .post('/api/accounts/alpaca')
      .set('Authorization', user.auth)
      .send({ environment: 'paper', key_id: keys.key_id, secret_key: 'not-the-secret' })
      .expect(400);
    expect(res.body.message).toMatch(/^Alpaca rejected the credentials: \S/);
    expect(JSON.stringify(res.body)).not.toContain('not-the-secret');
    expect(await rawConnection(stack, user.userId)).toBeUndefined();
  });

  it('keeps the previous connection when a replacement is rejected', async () => {
    const keys = await createPaperAccount(stack);
    await stack.http().post('/api/accounts/alpaca').set('Authorization', user.auth).send({ environment: 'paper', ...keys }).expect(201);
    await stack.http().post('/api/accounts/alpaca').set('Authorization', user.auth).send({ environment: 'paper', access_token: 'bogus' }).expect(400);
    expect(await rawConnection(stack, user.userId)).toMatchObject({ auth_type: 'key' });
  });

  it('connects an OAuth access token with its expiry', async () => {
    const keys = await createPaperAccount(stack, 25_000);
    const token = await mintAccessToken(stack, keys.key_id);
    const expiresAt = '2099-01-01T00:00:00.000Z';
    const res = await stack.http().post('/api/accounts/alpaca').set('Authorization', user.auth).send({ environment: 'paper', access_token: token, expires_at: expiresAt }).expect(201);
    expect(res.body).toMatchObject({ connected: true, auth_type: 'oauth', account: ACCOUNT_SHAPE });

    expect(JSON.stringify(await rawConnection(stack, user.userId))).not.toContain(token);
    const status = await stack.http().get('/api/accounts/alpaca').set('Authorization', user.auth).expect(200);
    expect(status.body).toMatchObject({ connected: true, auth_type: 'oauth', expires_at: expiresAt, account: ACCOUNT_SHAPE });
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ['neither credential', { environment: 'paper' }, ['access_token', 'key_id', 'secret_key']],
    ['a bad environment and half a key pair', { environment: 'sandbox', key_id: 'K' }, ['environment', 'secret_key']],
    ['both kinds of credential', { environment: 'paper', key_id: 'K', secret_key: 'S', access_token: 'T' }, ['access_token']],
  ])('rejects %s with 400 naming the fields', async (_label, body, fields) => {
    const res = await stack.http().post('/api/accounts/alpaca').set('Authorization', user.auth).send(body).expect(400);
    expect([...res.body.fields].sort()).toEqual(fields);
    expect(await rawConnection(stack, user.userId)).toBeUndefined();
  });

  it('reports a revoked connection as connected with an account_error', async () => {
    const keys = await createPaperAccount(stack);
    await stack.http().post('/api/accounts/alpaca').set('Authorization', user.auth).send({ environment: 'paper', ...keys }).expect(201);
    // Simulate the broker no longer accepting the stored keys: swap in another (encrypted) secret.
    const other = await createPaperAccount(stack);
    const otherUser = await registerUser(stack);
    await stack.http().post('/api/accounts/alpaca').set('Authorization', otherUser.auth).send({ environment: 'paper', ...other }).expect(201);
    const foreignSecret = (await rawConnection(stack, otherUser.userId))!.secret_key;
    await stack.dataSource.getRepository(AlpacaOauthToken).update({ userId: user.userId }, { secretKey: String(foreignSecret) });

    const status = await stack.http().get('/api/accounts/alpaca').set('Authorization', user.auth).expect(200);
    expect(status.body).toMatchObject({ connected: true, auth_type: 'key', account_error: expect.stringMatching(/^Alpaca rejected the credentials/) });
    expect(status.body.account).toBeUndefined();
  });

  it('disconnects', async () => {
    const keys = await createPaperAccount(stack);
    await stack.http().post('/api/accounts/alpaca').set('Authorization', user.auth).send({ environment: 'paper', ...keys }).expect(201);
    await stack.http().delete('/api/accounts/alpaca').set('Authorization', user.auth).expect(200, { connected: false });
    expect(await rawConnection(stack, user.userId)).toBeUndefined();
    await stack.http().get('/api/accounts/alpaca').set('Authorization', user.auth).expect(200, { connected: false });
  });

  it('shows each user only their own connection', async () => {
    const keys = await createPaperAccount(stack);
    await stack.http().post('/api/accounts/alpaca').set('Authorization', user.auth).send({ environment: 'paper', ...keys }).expect(201);
    const stranger = await registerUser(stack);
    await stack.http().get('/api/accounts/alpaca').set('Authorization', stranger.auth).expect(200, { connected: false });
  });

  describe('OAuth', () => {
    async function authorizeUrl(environment = 'paper'): Promise<URL> {
      const res = await stack.http().get(`/api/accounts/alpaca/oauth/authorize?format=json&environment=${environment}`).set('Authorization', user.auth).expect(200);
      return new URL(res.body.authorize_url);
    }

    /** What the user's browser does at the exchange's consent form: approve with a paper account's keys. */
    async function approveAtExchange(url: URL, keys: { key_id: string; secret_key: string }): Promise<URL> {
      const form = new URLSearchParams({
        client_id: url.searchParams.get('client_id')!,
        redirect_uri: url.searchParams.get('redirect_uri')!,
        state: url.searchParams.get('state')!,
        scope: url.searchParams.get('scope')!,
        key_id: keys.key_id,
        secret_key: keys.secret_key,
      });
      const res = await fetch(`${stack.exchange.url}/oauth/authorize`, { method: 'POST', body: form, redirect: 'manual' });
      expect(res.status).toBe(302);
      return new URL(res.headers.get('location')!);
    }

    it('redirects to the broker consent page with the documented parameters', async () => {
      const res = await stack.http().get('/api/accounts/alpaca/oauth/authorize').set('Authorization', user.auth).expect(302);
      const location: string = res.headers.location;
      expect(location.startsWith(`${stack.config.alpaca.oauth.authorizeUrl}?response_type=code&client_id=`)).toBe(true);
      expect(location).toContain('&scope=account%3Awrite%20trading');
      const url = new URL(location);
      expect(url.searchParams.get('client_id')).toBe(stack.config.alpaca.oauth.clientId);
      expect(url.searchParams.get('redirect_uri')).toBe('http://127.0.0.1:3999/api/accounts/alpaca/oauth/callback');
      expect(url.searchParams.get('state')).toMatch(/\S{20,}/);
    });

    it('connects the account through the full round trip', async () => {
      const keys = await createPaperAccount(stack, 25_000);
      const callback = await approveAtExchange(await authorizeUrl(), keys);
      expect(callback.pathname).toBe('/api/accounts/alpaca/oauth/callback');

      // The browser arrives without our bearer token: the state identifies the user.
      const done = await stack.http().get(`${callback.pathname}${callback.search}`).expect(200);
      expect(done.body).toMatchObject({ message: 'Alpaca account connected', connected: true, environment: 'paper', auth_type: 'oauth', account: ACCOUNT_SHAPE });

      const status = await stack.http().get('/api/accounts/alpaca').set('Authorization', user.auth).expect(200);
      expect(status.body).toMatchObject({ connected: true, auth_type: 'oauth', environment: 'paper', account: ACCOUNT_SHAPE });
      const row = await rawConnection(stack, user.userId);
      expect(row).toMatchObject({ auth_type: 'oauth', key_id: null, secret_key: null });
      expect(row!.scope).toEqual(expect.any(String));
    });

    it('shows a browser an HTML page', async () => {
      const callback = await approveAtExchange(await authorizeUrl('paper'), await createPaperAccount(stack));
      const done = await stack.http().get(`${callback.pathname}${callback.search}`).set('Accept', 'text/html').expect(200);
      expect(done.headers['content-type']).toMatch(/text\/html/);
      expect(done.text).toContain('Alpaca account connected');
    });

    it.each<[string, (callback: URL) => string, RegExp]>([
      ['a tampered state', (cb) => `code=${cb.searchParams.get('code')}&state=${cb.searchParams.get('state')}x`, /invalid OAuth state/],
      ['a missing code', (cb) => `state=${encodeURIComponent(cb.searchParams.get('state')!)}`, /code is required/],
      ['a wrong code', (cb) => `code=nope&state=${encodeURIComponent(cb.searchParams.get('state')!)}`, /Alpaca refused the authorization code/],
      ['a denial', (cb) => `error=access_denied&state=${encodeURIComponent(cb.searchParams.get('state')!)}`, /not granted: access_denied/],
    ])('answers 400 for %s and stores nothing', async (_label, query, message) => {
      const callback = await approveAtExchange(await authorizeUrl(), await createPaperAccount(stack));
      const res = await stack.http().get(`${callback.pathname}?${query(callback)}`).expect(400);
      expect(res.body.message).toMatch(message);
      expect(await rawConnection(stack, user.userId)).toBeUndefined();
    });

    it('refuses to redeem the same callback twice', async () => {
      const callback = await approveAtExchange(await authorizeUrl(), await createPaperAccount(stack));
      await stack.http().get(`${callback.pathname}${callback.search}`).expect(200);
      await stack.http().get(`${callback.pathname}${callback.search}`).expect(400);
    });

    it('rejects an unknown environment', async () => {
      const res = await stack.http().get('/api/accounts/alpaca/oauth/authorize?environment=demo').set('Authorization', user.auth).expect(400);
      expect(res.body.fields).toEqual(['environment']);
    });
  });
});
