import { PermissionError, type Alpaca } from '@alpacahq/alpaca-trade-api';
import { startExchange, type ExchangeHandle } from '../exchange';
import { createPaperAccount, setPrice } from '../testing/admin-client';
import { sdkClient } from '../testing/sdk-client';

describe('margin accounts and short selling through the SDK', () => {
  let exchange: ExchangeHandle;
  let alpaca: Alpaca;

  beforeAll(async () => {
    exchange = await startExchange({ priceDrift: false, marketHours: 'always_open' });
  });
  afterAll(() => exchange.close());
  beforeEach(async () => {
    alpaca = sdkClient(exchange.url, await createPaperAccount(exchange.url, 10_000));
    await setPrice(exchange.url, 'MSFT', 400);
    await setPrice(exchange.url, 'BTC/USD', 60_000);
  });

  const market = (symbol: string, side: 'buy' | 'sell', qty: number) =>
    alpaca.trading.orders.market({ symbol, qty, side, timeInForce: symbol.includes('/') ? 'gtc' : 'day' });
  const account = () => alpaca.trading.account.getAccount();
  const msft = () => alpaca.trading.positions.getOpenPosition({ symbolOrAssetId: 'MSFT' });

  it('opens a short with a sell of shares not held, and reports account and position as Alpaca does', async () => {
    expect(await market('MSFT', 'sell', 5)).toMatchObject({ status: 'filled', filledQty: '5', positionIntent: 'sell_to_open' });
    // The proceeds are cash; the short offsets them in equity.
    expect(await account()).toMatchObject({
      cash: '12000',
      equity: '10000',
      longMarketValue: '0',
      shortMarketValue: '-2000',
      multiplier: '2',
      shortingEnabled: true,
      buyingPower: '18000', // 2 x 10,000 - |-2,000|
      regtBuyingPower: '18000',
      initialMargin: '1000',
    });
    expect(await msft()).toMatchObject({ qty: '-5', qtyAvailable: '-5', side: 'short', avgEntryPrice: '400', marketValue: '-2000', costBasis: '-2000', unrealizedPl: '0' });

    await setPrice(exchange.url, 'MSFT', 380);
    expect(await msft()).toMatchObject({ marketValue: '-1900', unrealizedPl: '100', unrealizedPlpc: '0.05', currentPrice: '380' });
    expect((await account()).equity).toBe('10100');
  });

  it('buys to cover a short, and flips to long with a buy larger than the short', async () => {
    await market('MSFT', 'sell', 5);
    expect(await market('MSFT', 'buy', 2)).toMatchObject({ status: 'filled', positionIntent: 'buy_to_close' });
    expect(await msft()).toMatchObject({ qty: '-3', side: 'short', avgEntryPrice: '400' });

    await setPrice(exchange.url, 'MSFT', 390);
    await market('MSFT', 'buy', 5);
    expect(await msft()).toMatchObject({ qty: '2', side: 'long', avgEntryPrice: '390' });
    // +30 from covering 3 shares 10 below their entry.
    expect(await account()).toMatchObject({ cash: '9250', equity: '10030', shortMarketValue: '0', longMarketValue: '780' });
  });

  it('closes a short position with a market buy', async () => {
    await market('MSFT', 'sell', 4);
    const order = await alpaca.trading.positions.deleteOpenPosition({ symbolOrAssetId: 'MSFT' });
    expect(order).toMatchObject({ side: 'buy', qty: '4', status: 'filled' });
    expect(await alpaca.trading.positions.getAllOpenPositions()).toEqual([]);
    expect((await account()).cash).toBe('10000');
  });

  it('checks a short sale at max(limit, ask + 3 %) against buying power and reserves resting ones', async () => {
    // ask 400.04 x 1.03 = 412.04 a share: 48 shares fit in $20,000, 49 do not.
    const tooBig = market('MSFT', 'sell', 49);
    await expect(tooBig).rejects.toBeInstanceOf(PermissionError);
    await expect(tooBig).rejects.toMatchObject({ status: 403, message: 'insufficient buying power' });
    const resting = await alpaca.trading.orders.limit({ symbol: 'MSFT', qty: 10, side: 'sell', limitPrice: 450, timeInForce: 'gtc' });
    expect(resting).toMatchObject({ status: 'new', positionIntent: 'sell_to_open' });
    expect((await account()).buyingPower).toBe('15500');
  });

  it('needs no buying power to buy back a short', async () => {
    await market('MSFT', 'sell', 45); // $18,000 short: buying power 2,000
    expect((await account()).buyingPower).toBe('2000');
    await expect(market('MSFT', 'buy', 45)).resolves.toMatchObject({ status: 'filled' });
  });

  it('refuses fractional short sales', async () => {
    await expect(alpaca.trading.orders.market({ symbol: 'MSFT', notional: 500, side: 'sell' })).rejects.toMatchObject({
      status: 403,
      message: 'fractional orders cannot be sold short',
    });
  });

  it('refuses crypto sales beyond the balance with Alpaca\'s wording', async () => {
    const rich = sdkClient(exchange.url, await createPaperAccount(exchange.url, 100_000));
    await rich.trading.orders.market({ symbol: 'BTC/USD', qty: 1, side: 'buy', timeInForce: 'gtc' });
    await expect(rich.trading.orders.market({ symbol: 'BTC/USD', qty: 2, side: 'sell', timeInForce: 'gtc' })).rejects.toMatchObject({
      status: 403,
      message: 'insufficient balance for BTC (requested: 2, available: 1)',
    });
    await expect(rich.trading.orders.market({ symbol: 'ETH/USD', qty: 1, side: 'sell', timeInForce: 'gtc' })).rejects.toMatchObject({
      status: 403,
      message: 'insufficient balance for ETH (requested: 1, available: 0)',
    });
  });

  it('buys crypto with cash only, never on margin', async () => {
    // Margin buying power is $20,000, but crypto may use only the $10,000 of cash.
    await expect(alpaca.trading.orders.market({ symbol: 'BTC/USD', notional: 15_000, side: 'buy', timeInForce: 'gtc' })).rejects.toMatchObject({
      status: 403,
      message: 'insufficient buying power',
    });
    expect((await account()).nonMarginableBuyingPower).toBe('10000');
    await expect(alpaca.trading.orders.market({ symbol: 'BTC/USD', notional: 9_000, side: 'buy', timeInForce: 'gtc' })).resolves.toMatchObject({ status: 'filled' });
  });

  it('treats an account under $2,000 of equity as a cash account that cannot short', async () => {
    const small = sdkClient(exchange.url, await createPaperAccount(exchange.url, 1_999));
    expect(await small.trading.account.getAccount()).toMatchObject({ multiplier: '1', shortingEnabled: false, buyingPower: '1999' });
    await expect(small.trading.orders.market({ symbol: 'MSFT', qty: 1, side: 'sell' })).rejects.toMatchObject({
      status: 403,
      message: 'insufficient qty available for order (requested: 1, available: 0): short selling needs a margin account (equity of at least $2,000)',
    });
  });
});
