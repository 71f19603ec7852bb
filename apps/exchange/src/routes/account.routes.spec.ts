import { AuthError, NotFoundError } from '@alpacahq/alpaca-trade-api';
import { startExchange, type ExchangeHandle } from '../exchange';
import { createPaperAccount, setMarketOpen, type PaperAccount } from '../testing/admin-client';
import { sdkClient } from '../testing/sdk-client';

describe('account, clock and assets through the SDK', () => {
  let exchange: ExchangeHandle;
  let account: PaperAccount;

  beforeAll(async () => {
    exchange = await startExchange({ priceDrift: false, marketHours: 'always_open' });
    account = await createPaperAccount(exchange.url, 25_000);
  });
  afterAll(() => exchange.close());

  it('reports a new account with its cash as strings, as Alpaca does', async () => {
    const result = await sdkClient(exchange.url, account).trading.account.getAccount();
    expect(result).toMatchObject({
      id: account.account_id,
      status: 'ACTIVE',
      currency: 'USD',
      cash: '25000',
      buyingPower: '50000', // a Reg T margin account: 2 x equity
      multiplier: '2',
      shortingEnabled: true,
      equity: '25000',
      portfolioValue: '25000',
    });
    expect(result.accountNumber).toMatch(/^PA\d{10}$/);
  });

  it.each([
    ['a wrong secret', (a: PaperAccount) => ({ ...a, secret_key: 'wrong' })],
    ['an unknown key id', (a: PaperAccount) => ({ ...a, key_id: 'PKUNKNOWN' })],
  ])('answers 401 with Alpaca\'s body for %s', async (_case, tamper) => {
    const failure = sdkClient(exchange.url, tamper(account)).trading.account.getAccount();
    await expect(failure).rejects.toBeInstanceOf(AuthError);
    await expect(failure).rejects.toMatchObject({ status: 401, code: 40110000, message: 'request is not authorized' });
  });

  it('answers 401 without credentials and never echoes the secret', async () => {
    const response = await fetch(`${exchange.url}/v2/account`, { headers: { 'APCA-API-KEY-ID': account.key_id } });
    expect(response.status).toBe(401);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ code: 40110000, message: 'request is not authorized' });
    expect(text).not.toContain(account.secret_key);
  });

  it('follows the admin clock override and reports New York times', async () => {
    const client = sdkClient(exchange.url, account);
    await setMarketOpen(exchange.url, false);
    expect((await client.trading.clock.legacyClock()).isOpen).toBe(false);
    await setMarketOpen(exchange.url, null);
    const clock = await client.trading.clock.legacyClock();
    expect(clock.isOpen).toBe(true); // always_open without override
    expect(clock.nextClose.getTime()).toBeGreaterThan(clock.timestamp.getTime() - 1000);
    const raw = (await (await fetch(`${exchange.url}/v2/clock`, { headers: keyHeaders(account) })).json()) as Record<string, string>;
    expect(raw.next_open).toMatch(/T09:30:00-0[45]:00$/);
    expect(raw.next_close).toMatch(/T16:00:00-0[45]:00$/);
  });

  it('lists equities by default and crypto on request; crypto is not shortable', async () => {
    const assets = sdkClient(exchange.url, account).trading.assets;
    const equities = await assets.getV2Assets();
    expect(equities.map((asset) => asset.symbol)).toEqual(expect.arrayContaining(['AAPL', 'MSFT', 'SPY', 'QQQ', 'TSLA', 'NVDA']));
    expect(equities.every((asset) => asset._class === 'us_equity')).toBe(true);
    const crypto = await assets.getV2Assets({ assetClass: 'crypto' });
    expect(crypto.map((asset) => asset.symbol)).toEqual(expect.arrayContaining(['BTC/USD', 'ETH/USD']));
    expect(crypto.every((asset) => !asset.shortable && !asset.marginable)).toBe(true);
  });

  it.each([['AAPL'], ['BTC/USD'], ['BTCUSD']])('gets asset %s by symbol', async (symbol) => {
    const asset = await sdkClient(exchange.url, account).trading.assets.getV2AssetsSymbolOrAssetId({ symbolOrAssetId: symbol });
    expect(asset.symbol.replace('/', '')).toBe(symbol.replace('/', ''));
    expect(asset.tradable).toBe(true);
  });

  it('answers 404 for an unknown asset', async () => {
    const failure = sdkClient(exchange.url, account).trading.assets.getV2AssetsSymbolOrAssetId({ symbolOrAssetId: 'NOPE' });
    await expect(failure).rejects.toBeInstanceOf(NotFoundError);
  });
});

function keyHeaders(account: PaperAccount): Record<string, string> {
  return { 'APCA-API-KEY-ID': account.key_id, 'APCA-API-SECRET-KEY': account.secret_key };
}
