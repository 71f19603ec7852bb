import { randomBytes } from 'node:crypto';
import { AlpacaOauthToken } from '../database/entities/alpaca-oauth-token.entity';
import { User } from '../database/entities/user.entity';
import { createTestDatabase, type TestDatabase } from '../database/testing/test-database';
import { CredentialsExpiredError, CredentialsNotFoundError } from './credential-errors';
import { loadBrokerCredentials } from './load-broker-credentials';
import { saveBrokerCredentials } from './save-broker-credentials';

const KEY = randomBytes(32);
const NOW = new Date('2030-06-01T12:00:00Z');

describe('saveBrokerCredentials / loadBrokerCredentials', () => {
  let db: TestDatabase;
  let userId: string;

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
  });
  afterAll(() => db.drop());

  beforeEach(async () => {
    const user = await db.dataSource.getRepository(User).save({ email: `${randomBytes(4).toString('hex')}@example.com`, passwordHash: 'x', role: 'user' });
    userId = user.id;
  });

  it('round-trips a key pair and stores only ciphertext', async () => {
    await saveBrokerCredentials(db.dataSource, userId, { credentials: { kind: 'key', keyId: 'PKTESTKEY', secretKey: 'sEcReT-123', environment: 'paper' }, accountNumber: 'PA123' }, KEY);

    await expect(loadBrokerCredentials(db.dataSource, userId, KEY, NOW)).resolves.toEqual({ kind: 'key', keyId: 'PKTESTKEY', secretKey: 'sEcReT-123', environment: 'paper' });
    const [raw] = await db.dataSource.query('SELECT * FROM alpaca_oauth_tokens WHERE user_id = ?', [userId]);
    expect(JSON.stringify(raw)).not.toMatch(/PKTESTKEY|sEcReT-123/);
    expect(raw).toMatchObject({ auth_type: 'key', environment: 'paper', account_number: 'PA123', access_token: null });
  });

  it('replaces the previous connection instead of adding a second one', async () => {
    await saveBrokerCredentials(db.dataSource, userId, { credentials: { kind: 'key', keyId: 'K1', secretKey: 'S1', environment: 'paper' } }, KEY);
    await saveBrokerCredentials(db.dataSource, userId, { credentials: { kind: 'oauth', accessToken: 'tok', environment: 'live' }, expiresAt: new Date('2031-01-01T00:00:00Z') }, KEY);

    const rows = await db.dataSource.getRepository(AlpacaOauthToken).find({ where: { userId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ authType: 'oauth', environment: 'live', keyId: null, secretKey: null });
    await expect(loadBrokerCredentials(db.dataSource, userId, KEY, NOW)).resolves.toEqual({ kind: 'oauth', accessToken: 'tok', environment: 'live' });
  });

  it.each([
    ['no connection', undefined, CredentialsNotFoundError, 'Alpaca credentials not found'],
    ['an expired token', new Date('2030-06-01T11:59:59Z'), CredentialsExpiredError, 'Alpaca token expired'],
    ['a token expiring right now', NOW, CredentialsExpiredError, 'Alpaca token expired'],
  ])('refuses %s', async (_label, expiresAt, errorClass, message) => {
    if (expiresAt) await saveBrokerCredentials(db.dataSource, userId, { credentials: { kind: 'oauth', accessToken: 't', environment: 'paper' }, expiresAt }, KEY);
    const failure = loadBrokerCredentials(db.dataSource, userId, KEY, NOW);
    await expect(failure).rejects.toBeInstanceOf(errorClass);
    await expect(failure).rejects.toThrow(message);
    await expect(failure).rejects.toHaveProperty('name', errorClass.name);
  });

  it('accepts a token that expires later', async () => {
    await saveBrokerCredentials(db.dataSource, userId, { credentials: { kind: 'oauth', accessToken: 't', environment: 'paper' }, expiresAt: new Date('2030-06-01T12:00:01Z') }, KEY);
    await expect(loadBrokerCredentials(db.dataSource, userId, KEY, NOW)).resolves.toMatchObject({ kind: 'oauth' });
  });

  it('reports credentials sealed with another key as not found, without leaking them', async () => {
    await saveBrokerCredentials(db.dataSource, userId, { credentials: { kind: 'key', keyId: 'K', secretKey: 'S', environment: 'paper' } }, KEY);
    const failure = loadBrokerCredentials(db.dataSource, userId, randomBytes(32), NOW);
    await expect(failure).rejects.toBeInstanceOf(CredentialsNotFoundError);
    await expect(failure).rejects.toThrow(/cannot be decrypted/);
  });
});
