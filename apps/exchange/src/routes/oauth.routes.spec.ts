import { AuthError } from '@alpacahq/alpaca-trade-api';
import { startExchange, type ExchangeHandle } from '../exchange';
import { adminRequest, createPaperAccount, type PaperAccount } from '../testing/admin-client';
import { sdkClient } from '../testing/sdk-client';

const REDIRECT = 'http://127.0.0.1:3000/api/accounts/alpaca/oauth/callback';

describe('OAuth authorization-code flow', () => {
  let exchange: ExchangeHandle;
  let account: PaperAccount;

  beforeAll(async () => {
    exchange = await startExchange({ priceDrift: false });
    account = await createPaperAccount(exchange.url, 7_000);
  });
  afterAll(() => exchange.close());

  const authorize = (fields: Record<string, string>) =>
    fetch(`${exchange.url}/oauth/authorize`, {
      method: 'POST',
      body: new URLSearchParams({ client_id: 'autopilot', redirect_uri: REDIRECT, state: 's-123', ...fields }),
      redirect: 'manual',
    });
  const redeem = (fields: Record<string, string>) =>
    fetch(`${exchange.url}/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'authorization_code', client_id: 'autopilot', client_secret: 'shh', redirect_uri: REDIRECT, ...fields }),
    });

  it('serves a consent form carrying the request, HTML-escaped', async () => {
    const query = new URLSearchParams({ response_type: 'code', client_id: 'auto<pilot>', redirect_uri: REDIRECT, state: 'x"y', scope: 'trading' });
    const response = await fetch(`${exchange.url}/oauth/authorize?${query}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<form method="post" action="/oauth/authorize">');
    expect(html).toContain('name="key_id"');
    expect(html).toContain('auto&lt;pilot&gt;');
    expect(html).toContain('value="x&quot;y"');
  });

  it('exchanges keys for a code, the code for a token, and the token authenticates the SDK', async () => {
    const approved = await authorize({ key_id: account.key_id, secret_key: account.secret_key });
    expect(approved.status).toBe(302);
    const location = new URL(approved.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
    expect(location.searchParams.get('state')).toBe('s-123');
    const code = location.searchParams.get('code')!;

    const tokenResponse = await redeem({ code });
    expect(tokenResponse.status).toBe(200);
    const token = (await tokenResponse.json()) as { access_token: string; token_type: string; scope: string };
    expect(token).toMatchObject({ token_type: 'bearer', scope: 'account:write trading data' });

    const viaToken = await sdkClient(exchange.url, { accessToken: token.access_token }).trading.account.getAccount();
    expect(viaToken).toMatchObject({ id: account.account_id, cash: '7000' });

    const reused = await redeem({ code });
    expect(reused.status).toBe(400);
    expect(await reused.json()).toEqual({ code: 40010000, message: 'invalid or expired authorization code' });
  });

  it('re-renders the form with 401 on wrong keys, and redirects with access_denied on deny', async () => {
    const wrong = await authorize({ key_id: account.key_id, secret_key: 'nope' });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('Invalid key id or secret key.');
    const denied = await authorize({ decision: 'deny' });
    expect(new URL(denied.headers.get('location')!).searchParams.get('error')).toBe('access_denied');
  });

  it.each([
    ['another client id', { client_id: 'intruder' }],
    ['another redirect uri', { redirect_uri: 'http://127.0.0.1:9/elsewhere' }],
  ])('refuses a code redeemed with %s', async (_case, override) => {
    const approved = await authorize({ key_id: account.key_id, secret_key: account.secret_key });
    const code = new URL(approved.headers.get('location')!).searchParams.get('code')!;
    expect((await redeem({ code, ...override })).status).toBe(400);
  });

  it('mints tokens for tests and rejects unknown bearer tokens', async () => {
    const { access_token } = await adminRequest<{ access_token: string }>(exchange.url, 'POST', '/admin/oauth/tokens', { key_id: account.key_id });
    expect((await sdkClient(exchange.url, { accessToken: access_token }).trading.account.getAccount()).id).toBe(account.account_id);
    await expect(sdkClient(exchange.url, { accessToken: 'forged' }).trading.account.getAccount()).rejects.toBeInstanceOf(AuthError);
  });
});
