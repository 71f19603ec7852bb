import { startExchange, type ExchangeHandle } from '../../apps/exchange/src/exchange';
import { createPaperAccount, type PaperAccount } from '../../apps/exchange/src/testing/admin-client';
import { BrokerAuthError, BrokerUnavailableError } from './broker.errors';
import { checkBrokerCredentials } from './check-broker-credentials';
import { exchangeOAuthCode } from './oauth-code-exchange';

const REDIRECT = 'http://127.0.0.1:3000/callback';

describe('exchangeOAuthCode and checkBrokerCredentials against the paper exchange', () => {
  let exchange: ExchangeHandle;
  let account: PaperAccount;
  const endpoints = () => ({ tradingUrl: exchange.url, dataUrl: exchange.url });
  const options = { rateLimit: false, retry: false };

  beforeAll(async () => {
    exchange = await startExchange({ priceDrift: false });
    account = await createPaperAccount(exchange.url, 12_345);
  });
  afterAll(() => exchange.close());

  async function authorizationCode(): Promise<string> {
    const response = await fetch(`${exchange.url}/oauth/authorize`, {
      method: 'POST',
      body: new URLSearchParams({ client_id: 'autopilot', redirect_uri: REDIRECT, state: 'st', key_id: account.key_id, secret_key: account.secret_key }),
      redirect: 'manual',
    });
    return new URL(response.headers.get('location')!).searchParams.get('code')!;
  }

  const redeem = (code: string, overrides: Partial<Parameters<typeof exchangeOAuthCode>[0]> = {}) =>
    exchangeOAuthCode({ tokenUrl: `${exchange.url}/oauth/token`, code, clientId: 'autopilot', clientSecret: 'secret', redirectUri: REDIRECT, ...overrides });

  it('redeems a code for a token that works as broker credentials', async () => {
    const token = await redeem(await authorizationCode());
    expect(token).toEqual({ accessToken: expect.any(String), scope: 'account:write trading data' });
    const checked = await checkBrokerCredentials({ kind: 'oauth', accessToken: token.accessToken, environment: 'paper' }, endpoints(), options);
    expect(checked).toMatchObject({ id: account.account_id, cash: 12_345 });
  });

  it('refuses a used or foreign code with BrokerAuthError carrying the server\'s reason', async () => {
    const code = await authorizationCode();
    await redeem(code);
    await expect(redeem(code)).rejects.toMatchObject({ name: 'BrokerAuthError', message: 'invalid or expired authorization code' });
    await expect(redeem(await authorizationCode(), { clientId: 'someone-else' })).rejects.toBeInstanceOf(BrokerAuthError);
    await expect(redeem(await authorizationCode(), { clientSecret: '' })).rejects.toMatchObject({ status: 401 });
  });

  it('reports an unreachable token endpoint as BrokerUnavailableError', async () => {
    const closed = await startExchange();
    await closed.close();
    await expect(redeem('x', { tokenUrl: `${closed.url}/oauth/token` })).rejects.toBeInstanceOf(BrokerUnavailableError);
  });

  it('checks a key pair, and bad keys throw BrokerAuthError with the broker\'s reason', async () => {
    const good = { kind: 'key' as const, keyId: account.key_id, secretKey: account.secret_key, environment: 'paper' as const };
    expect((await checkBrokerCredentials(good, endpoints(), options)).cash).toBe(12_345);
    await expect(checkBrokerCredentials({ ...good, secretKey: 'bad' }, endpoints(), options)).rejects.toMatchObject({
      name: 'BrokerAuthError',
      message: 'request is not authorized',
    });
  });
});
