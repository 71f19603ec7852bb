import { PermissionError, type Alpaca } from '@alpacahq/alpaca-trade-api';
import { startExchange, type ExchangeHandle } from '../exchange';
import { adminRequest, createPaperAccount, setPrice, type PaperAccount } from '../testing/admin-client';
import { sdkClient } from '../testing/sdk-client';

type Side = 'buy' | 'sell';

describe('crypto cross pairs through the SDK', () => {
  let exchange: ExchangeHandle;
  let account: PaperAccount;
  let alpaca: Alpaca;

  const market = (symbol: string, side: Side, qty: number) => alpaca.trading.orders.market({ symbol, side, qty, timeInForce: 'gtc' });
  const cash = async () => (await alpaca.trading.account.getAccount()).cash;
  const positions = async () =>
    Object.fromEntries(
      (await alpaca.trading.positions.getAllOpenPositions()).map((p) => [p.symbol, { qty: p.qty, avgEntryPrice: p.avgEntryPrice, marketValue: p.marketValue }]),
    );

  beforeAll(async () => {
    exchange = await startExchange({ priceDrift: false, marketHours: 'always_open' });
  });
  afterAll(() => exchange.close());
  beforeEach(async () => {
    account = await createPaperAccount(exchange.url, 10_000);
    alpaca = sdkClient(exchange.url, account);
    await setPrice(exchange.url, 'BTC/USD', 65_000);
    await setPrice(exchange.url, 'ETH/USD', 3_200);
    await setPrice(exchange.url, 'USDT/USD', 1);
  });

  it('serves cross pairs\' latest trades, quotes and bars at the price their legs imply', async () => {
    const { trades } = await alpaca.marketData.crypto.cryptoLatestTrades({ loc: 'us', symbols: 'BTC/USDT,ETH/BTC,ETH/USDT' });
    expect([trades['BTC/USDT'].p, trades['ETH/BTC'].p, trades['ETH/USDT'].p]).toEqual([65_000, 0.049231, 3_200]);
    const { quotes } = await alpaca.marketData.crypto.cryptoLatestQuotes({ loc: 'us', symbols: 'ETH/BTC' });
    expect(quotes['ETH/BTC'].bp).toBeLessThan(0.049231);
    expect(quotes['ETH/BTC'].ap).toBeGreaterThan(0.049231);
    await setPrice(exchange.url, 'BTC/USD', 66_000);
    const bars = await alpaca.marketData.crypto.cryptoBars({ loc: 'us', symbols: 'BTC/USDT', timeframe: '1Min', start: new Date(Date.now() - 600_000) });
    expect(bars.bars['BTC/USDT'].at(-1)).toMatchObject({ c: 66_000 });
  });

  it('round trip: USD buys USDT, USDT buys BTC, BTC sells for USD; no USD moves on the cross pair', async () => {
    await market('USDT/USD', 'buy', 1_000);
    expect(await cash()).toBe('9000');

    const cross = await market('BTC/USDT', 'buy', 0.01);
    expect(cross).toMatchObject({ symbol: 'BTC/USDT', status: 'filled', filledAvgPrice: '65000' });
    expect(await cash()).toBe('9000');
    expect(await positions()).toEqual({
      BTCUSD: { qty: '0.01', avgEntryPrice: '65000', marketValue: '650' },
      USDTUSD: { qty: '350', avgEntryPrice: '1', marketValue: '350' },
    });

    await setPrice(exchange.url, 'BTC/USD', 66_000);
    expect((await alpaca.trading.account.getAccount()).equity).toBe('10010');
    await market('BTC/USD', 'sell', 0.01);
    expect(await cash()).toBe('9660');
    expect(await positions()).toEqual({ USDTUSD: { qty: '350', avgEntryPrice: '1', marketValue: '350' } });
    expect((await alpaca.trading.account.getAccount()).equity).toBe('10010');
  });

  it('values positions bought with a quote currency off $1 in USD, and counts them in equity', async () => {
    await setPrice(exchange.url, 'USDT/USD', 1.002);
    await setPrice(exchange.url, 'BTC/USD', 65_130); // BTC/USDT = 65,130 / 1.002 = 65,000
    await market('USDT/USD', 'buy', 1_000);
    await market('BTC/USDT', 'buy', 0.01);
    expect(await positions()).toEqual({
      BTCUSD: { qty: '0.01', avgEntryPrice: '65130', marketValue: '651.3' },
      USDTUSD: { qty: '350', avgEntryPrice: '1.002', marketValue: '350.7' },
    });
    expect(await alpaca.trading.account.getAccount()).toMatchObject({ cash: '8998', equity: '10000', longMarketValue: '1002' });
  });

  it('refuses a buy without enough of the quote currency, and a sell of more coins than held', async () => {
    await market('USDT/USD', 'buy', 100);
    const tooDear = market('BTC/USDT', 'buy', 0.01);
    await expect(tooDear).rejects.toBeInstanceOf(PermissionError);
    await expect(tooDear).rejects.toMatchObject({ status: 403, message: 'insufficient balance for USDT (requested: 650, available: 100)' });
    // USD cash is no substitute for USDT.
    expect(await cash()).toBe('9900');

    await market('BTC/USD', 'buy', 0.01);
    await expect(market('BTC/USDT', 'sell', 0.02)).rejects.toMatchObject({
      status: 403,
      message: 'insufficient balance for BTC (requested: 0.02, available: 0.01)',
    });
  });

  it('holds the quote currency back for an open cross-pair limit buy until it fills', async () => {
    await market('USDT/USD', 'buy', 1_000);
    const resting = await alpaca.trading.orders.limit({ symbol: 'BTC/USDT', side: 'buy', qty: 0.01, limitPrice: 60_000, timeInForce: 'gtc' });
    expect(resting.status).toBe('new');
    expect((await alpaca.trading.positions.getOpenPosition({ symbolOrAssetId: 'USDTUSD' })).qtyAvailable).toBe('400');
    await expect(market('USDT/USD', 'sell', 500)).rejects.toMatchObject({ status: 403, message: expect.stringContaining('insufficient balance for USDT') });
    await expect(market('ETH/USDT', 'buy', 0.2)).rejects.toMatchObject({ status: 403 }); // 640 USDT > 400 free

    await setPrice(exchange.url, 'BTC/USD', 59_000);
    expect((await alpaca.trading.orders.getOrderByOrderID({ orderId: resting.id! })).status).toBe('filled');
    expect(await positions()).toMatchObject({ BTCUSD: { qty: '0.01', avgEntryPrice: '60000' }, USDTUSD: { qty: '400' } });
  });

  it('pays ETH/BTC in BTC, both ways', async () => {
    await market('BTC/USD', 'buy', 0.1);
    expect(await cash()).toBe('3500');
    await market('ETH/BTC', 'buy', 1);
    expect(await positions()).toEqual({
      BTCUSD: { qty: '0.050769', avgEntryPrice: '65000', marketValue: '3299.99' },
      ETHUSD: { qty: '1', avgEntryPrice: '3200.015', marketValue: '3200' },
    });
    await market('ETH/BTC', 'sell', 0.5);
    expect((await positions()).BTCUSD.qty).toBe('0.0753845');
    expect(await cash()).toBe('3500');
  });

  it('reads a notional in the quote currency', async () => {
    await market('USDT/USD', 'buy', 1_000);
    const order = await alpaca.trading.orders.market({ symbol: 'BTC/USDT', side: 'buy', notional: 130, timeInForce: 'gtc' });
    expect(order).toMatchObject({ status: 'filled', filledQty: '0.002' });
    expect((await positions()).USDTUSD.qty).toBe('870');
  });

  it('answers a cross pair\'s position with its base coin\'s, and reports that quantity in trade updates', async () => {
    await market('USDT/USD', 'buy', 1_000);
    await market('BTC/USD', 'buy', 0.01);
    const order = await market('BTC/USDT', 'buy', 0.005);
    for (const symbolOrAssetId of ['BTC/USDT', 'BTCUSDT', 'BTCUSD']) {
      expect(await alpaca.trading.positions.getOpenPosition({ symbolOrAssetId })).toMatchObject({ symbol: 'BTCUSD', qty: '0.015' });
    }
    const events = await adminRequest<Array<{ order_id: string; event: string; position_qty: string }>>(
      exchange.url,
      'GET',
      `/admin/events?key_id=${account.key_id}`,
    );
    expect(events.find((event) => event.order_id === order.id && event.event === 'fill')?.position_qty).toBe('0.015');
  });
});

describe('a scripted cross-pair dislocation', () => {
  it('holds the admin price on the pair whatever its legs do', async () => {
    const exchange = await startExchange({ priceDrift: false, marketHours: 'always_open' });
    try {
      const alpaca = sdkClient(exchange.url, await createPaperAccount(exchange.url, 10_000));
      await setPrice(exchange.url, 'BTC/USD', 65_000);
      await setPrice(exchange.url, 'BTC/USDT', 65_650); // 1 % rich against BTC/USD x USDT/USD
      await setPrice(exchange.url, 'BTC/USD', 64_000);
      const { trades } = await alpaca.marketData.crypto.cryptoLatestTrades({ loc: 'us', symbols: 'BTC/USD,BTC/USDT,USDT/USD' });
      expect([trades['BTC/USD'].p, trades['BTC/USDT'].p, trades['USDT/USD'].p]).toEqual([64_000, 65_650, 1]);
      await alpaca.trading.orders.market({ symbol: 'BTC/USD', side: 'buy', qty: 0.01, timeInForce: 'gtc' });
      const sold = await alpaca.trading.orders.market({ symbol: 'BTC/USDT', side: 'sell', qty: 0.01, timeInForce: 'gtc' });
      expect(sold.filledAvgPrice).toBe('65650');
      expect((await alpaca.trading.positions.getOpenPosition({ symbolOrAssetId: 'USDTUSD' })).qty).toBe('656.5');
    } finally {
      await exchange.close();
    }
  });
});
