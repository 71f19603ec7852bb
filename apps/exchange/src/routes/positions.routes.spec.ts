import { NotFoundError, type Alpaca } from '@alpacahq/alpaca-trade-api';
import { startExchange, type ExchangeHandle } from '../exchange';
import { createPaperAccount, setMarketOpen, setPrice } from '../testing/admin-client';
import { sdkClient } from '../testing/sdk-client';

describe('positions through the SDK', () => {
  let exchange: ExchangeHandle;
  let alpaca: Alpaca;

  beforeAll(async () => {
    exchange = await startExchange({ priceDrift: false, marketHours: 'always_open' });
  });
  afterAll(() => exchange.close());
  beforeEach(async () => {
    alpaca = sdkClient(exchange.url, await createPaperAccount(exchange.url, 50_000));
    await setPrice(exchange.url, 'MSFT', 400);
    await setPrice(exchange.url, 'BTC/USD', 60_000);
    await setMarketOpen(exchange.url, null);
  });

  it('averages the entry price over buys and values the position at the current price', async () => {
    await alpaca.trading.orders.market({ symbol: 'MSFT', qty: 10, side: 'buy' });
    await setPrice(exchange.url, 'MSFT', 410);
    await alpaca.trading.orders.market({ symbol: 'MSFT', qty: 10, side: 'buy' });
    await setPrice(exchange.url, 'MSFT', 420);
    const position = await alpaca.trading.positions.getOpenPosition({ symbolOrAssetId: 'MSFT' });
    expect(position).toMatchObject({
      symbol: 'MSFT',
      qty: '20',
      side: 'long',
      avgEntryPrice: '405',
      currentPrice: '420',
      marketValue: '8400',
      costBasis: '8100',
      unrealizedPl: '300',
    });
    expect((await alpaca.trading.account.getAccount()).equity).toBe('50300');
  });

  it('lists positions, crypto under Alpaca\'s slash-less symbol', async () => {
    await alpaca.trading.orders.market({ symbol: 'MSFT', qty: 1, side: 'buy' });
    await alpaca.trading.orders.market({ symbol: 'BTC/USD', qty: 0.01, side: 'buy', timeInForce: 'gtc' });
    const positions = await alpaca.trading.positions.getAllOpenPositions();
    expect(positions.map((position) => [position.symbol, position.qty, position.assetClass])).toEqual([
      ['BTCUSD', '0.01', 'crypto'],
      ['MSFT', '1', 'us_equity'],
    ]);
    expect((await alpaca.trading.positions.getOpenPosition({ symbolOrAssetId: 'BTC/USD' })).qty).toBe('0.01');
  });

  it('answers 404 "position does not exist" when nothing is held', async () => {
    const failure = alpaca.trading.positions.getOpenPosition({ symbolOrAssetId: 'MSFT' });
    await expect(failure).rejects.toBeInstanceOf(NotFoundError);
    await expect(failure).rejects.toMatchObject({ message: 'position does not exist' });
    await expect(alpaca.trading.positions.deleteOpenPosition({ symbolOrAssetId: 'MSFT' })).rejects.toMatchObject({ status: 404 });
  });

  it('closes a position with a market sell and returns that order', async () => {
    await alpaca.trading.orders.market({ symbol: 'MSFT', qty: 5, side: 'buy' });
    await setPrice(exchange.url, 'MSFT', 440);
    const order = await alpaca.trading.positions.deleteOpenPosition({ symbolOrAssetId: 'MSFT' });
    expect(order).toMatchObject({ side: 'sell', type: 'market', qty: '5', status: 'filled', filledAvgPrice: '440' });
    await expect(alpaca.trading.positions.getOpenPosition({ symbolOrAssetId: 'MSFT' })).rejects.toBeInstanceOf(NotFoundError);
    expect((await alpaca.trading.account.getAccount()).cash).toBe('50200');
  });

  it('closes part of a position by percentage', async () => {
    await alpaca.trading.orders.market({ symbol: 'MSFT', qty: 8, side: 'buy' });
    const order = await alpaca.trading.positions.deleteOpenPosition({ symbolOrAssetId: 'MSFT', percentage: 25 });
    expect(order.qty).toBe('2');
    expect((await alpaca.trading.positions.getOpenPosition({ symbolOrAssetId: 'MSFT' })).qty).toBe('6');
  });

  it('closes a crypto position with a GTC order', async () => {
    await alpaca.trading.orders.market({ symbol: 'BTC/USD', notional: 600, side: 'buy', timeInForce: 'gtc' });
    const order = await alpaca.trading.positions.deleteOpenPosition({ symbolOrAssetId: 'BTCUSD' });
    expect(order).toMatchObject({ symbol: 'BTC/USD', timeInForce: 'gtc', qty: '0.01', status: 'filled' });
  });

  it('closes every position with a 207 list', async () => {
    await alpaca.trading.orders.market({ symbol: 'MSFT', qty: 1, side: 'buy' });
    await alpaca.trading.orders.market({ symbol: 'BTC/USD', qty: 0.001, side: 'buy', timeInForce: 'gtc' });
    const results = await alpaca.trading.positions.deleteAllOpenPositions({ cancelOrders: true });
    expect(results.map((result) => [result.symbol, result.status])).toEqual([
      ['MSFT', 200],
      ['BTCUSD', 200],
    ]);
    expect(await alpaca.trading.positions.getAllOpenPositions()).toEqual([]);
  });
});
