import { NotFoundError, PermissionError, ValidationError, type Alpaca } from '@alpacahq/alpaca-trade-api';
import { startExchange, type ExchangeHandle } from '../exchange';
import type { TradeUpdate } from '../trading/trade-events';
import { adminRequest, createPaperAccount, setMarketOpen, setPrice, type PaperAccount } from '../testing/admin-client';
import { sdkClient } from '../testing/sdk-client';

describe('order lifecycle through the SDK', () => {
  let exchange: ExchangeHandle;
  let account: PaperAccount;
  let alpaca: Alpaca;

  beforeAll(async () => {
    exchange = await startExchange({ priceDrift: false, marketHours: 'always_open' });
  });
  afterAll(() => exchange.close());
  beforeEach(async () => {
    account = await createPaperAccount(exchange.url, 10_000);
    alpaca = sdkClient(exchange.url, account);
    await setPrice(exchange.url, 'AAPL', 100);
    await setMarketOpen(exchange.url, null);
  });

  it('fills a market order at once at the current price and books cash and position', async () => {
    const order = await alpaca.trading.orders.market({ symbol: 'AAPL', qty: 10, side: 'buy', clientOrderId: 'mkt-1' });
    expect(order).toMatchObject({ status: 'filled', filledQty: '10', filledAvgPrice: '100', clientOrderId: 'mkt-1', symbol: 'AAPL' });
    expect(order.filledAt).toBeInstanceOf(Date);
    const after = await alpaca.trading.account.getAccount();
    // Margin account: 2 x 10,000 equity - 1,000 long market value.
    expect(after).toMatchObject({ cash: '9000', equity: '10000', buyingPower: '19000' });
    expect(await alpaca.trading.positions.getOpenPosition({ symbolOrAssetId: 'AAPL' })).toMatchObject({ qty: '10', avgEntryPrice: '100' });
  });

  it('fills a notional order for the fractional quantity the amount buys', async () => {
    const order = await alpaca.trading.orders.market({ symbol: 'AAPL', notional: 250, side: 'buy' });
    expect(order).toMatchObject({ status: 'filled', notional: '250', filledQty: '2.5', qty: undefined });
    expect((await alpaca.trading.account.getAccount()).cash).toBe('9750');
  });

  it('rests a limit buy until an admin price crosses it, then fills at the limit', async () => {
    const order = await alpaca.trading.orders.limit({ symbol: 'AAPL', qty: 5, side: 'buy', limitPrice: 95, timeInForce: 'gtc' });
    expect(order.status).toBe('new');
    expect((await alpaca.trading.account.getAccount()).buyingPower).toBe('19525'); // 2 x 10,000 less 5 x 95 held back
    await setPrice(exchange.url, 'AAPL', 96);
    expect((await alpaca.trading.orders.getOrderByOrderID({ orderId: order.id! })).status).toBe('new');
    await setPrice(exchange.url, 'AAPL', 94.5);
    const filled = await alpaca.trading.orders.getOrderByOrderID({ orderId: order.id! });
    expect(filled).toMatchObject({ status: 'filled', filledQty: '5', filledAvgPrice: '95' });
    expect((await alpaca.trading.account.getAccount()).cash).toBe('9525');
  });

  it('fills a limit sell when the price rises through it', async () => {
    await alpaca.trading.orders.market({ symbol: 'AAPL', qty: 4, side: 'buy' });
    const sell = await alpaca.trading.orders.limit({ symbol: 'AAPL', qty: 4, side: 'sell', limitPrice: 110, timeInForce: 'day' });
    expect(sell.status).toBe('new');
    await setPrice(exchange.url, 'AAPL', 110.5);
    expect(await alpaca.trading.orders.getOrderByOrderID({ orderId: sell.id! })).toMatchObject({ status: 'filled', filledAvgPrice: '110' });
    expect((await alpaca.trading.account.getAccount()).cash).toBe('10040');
    await expect(alpaca.trading.positions.getOpenPosition({ symbolOrAssetId: 'AAPL' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('fills a marketable limit order at once at the better current price', async () => {
    const order = await alpaca.trading.orders.limit({ symbol: 'AAPL', qty: 1, side: 'buy', limitPrice: 105 });
    expect(order).toMatchObject({ status: 'filled', filledAvgPrice: '100' });
  });

  it('cancels an open order (204) and refuses to cancel it twice (422)', async () => {
    const order = await alpaca.trading.orders.limit({ symbol: 'AAPL', qty: 1, side: 'buy', limitPrice: 50, timeInForce: 'gtc' });
    await cancel(alpaca, order.id!);
    const canceled = await alpaca.trading.orders.getOrderByOrderID({ orderId: order.id! });
    expect(canceled.status).toBe('canceled');
    expect(canceled.canceledAt).toBeInstanceOf(Date);
    await expect(cancel(alpaca, order.id!)).rejects.toMatchObject({ status: 422 });
  });

  it('finds an order by client_order_id and answers 404 for an unknown one', async () => {
    const placed = await alpaca.trading.orders.market({ symbol: 'AAPL', qty: 1, side: 'buy', clientOrderId: 'ap-abc-1' });
    const found = await alpaca.trading.orders.getOrderByClientOrderId({ clientOrderId: 'ap-abc-1' });
    expect(found.id).toBe(placed.id);
    await expect(alpaca.trading.orders.getOrderByClientOrderId({ clientOrderId: 'ap-missing' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('keeps client_order_id scoped to the account', async () => {
    await alpaca.trading.orders.market({ symbol: 'AAPL', qty: 1, side: 'buy', clientOrderId: 'shared-id' });
    const other = sdkClient(exchange.url, await createPaperAccount(exchange.url));
    await expect(other.trading.orders.getOrderByClientOrderId({ clientOrderId: 'shared-id' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(other.trading.orders.market({ symbol: 'AAPL', qty: 1, side: 'buy', clientOrderId: 'shared-id' })).resolves.toBeDefined();
  });

  it('refuses a reused client_order_id with 422 and records the attempt for audits', async () => {
    await alpaca.trading.orders.market({ symbol: 'AAPL', qty: 1, side: 'buy', clientOrderId: 'dup-1' });
    const again = alpaca.trading.orders.market({ symbol: 'AAPL', qty: 1, side: 'buy', clientOrderId: 'dup-1' });
    await expect(again).rejects.toBeInstanceOf(ValidationError);
    await expect(again).rejects.toMatchObject({ status: 422, message: 'client_order_id must be unique' });
    const audit = await adminRequest<Array<Record<string, unknown>>>(exchange.url, 'GET', `/admin/orders?key_id=${account.key_id}`);
    expect(audit.map((entry) => [entry.client_order_id, entry.status])).toEqual([
      ['dup-1', 'filled'],
      ['dup-1', 'rejected'],
    ]);
    expect(audit[1]).toMatchObject({ http_status: 422, reject_reason: 'client_order_id must be unique' });
  });

  it('answers 403 insufficient buying power, counting what open orders hold', async () => {
    // Buying power of a $10,000 margin account: $20,000.
    const tooMuch = alpaca.trading.orders.market({ symbol: 'AAPL', qty: 201, side: 'buy' });
    await expect(tooMuch).rejects.toBeInstanceOf(PermissionError);
    await expect(tooMuch).rejects.toMatchObject({ status: 403, message: 'insufficient buying power' });
    await alpaca.trading.orders.limit({ symbol: 'AAPL', qty: 200, side: 'buy', limitPrice: 90, timeInForce: 'gtc' });
    await expect(alpaca.trading.orders.market({ symbol: 'AAPL', qty: 21, side: 'buy' })).rejects.toMatchObject({ status: 403 });
    await expect(alpaca.trading.orders.market({ symbol: 'AAPL', qty: 20, side: 'buy' })).resolves.toMatchObject({ status: 'filled' });
  });

  it('answers 403 when a cash account sells more than it holds (no shorting below $2,000 equity)', async () => {
    const cashAccount = sdkClient(exchange.url, await createPaperAccount(exchange.url, 1_500));
    await cashAccount.trading.orders.market({ symbol: 'AAPL', qty: 2, side: 'buy' });
    const failure = cashAccount.trading.orders.market({ symbol: 'AAPL', qty: 3, side: 'sell' });
    await expect(failure).rejects.toMatchObject({
      status: 403,
      message: 'insufficient qty available for order (requested: 3, available: 2): short selling needs a margin account (equity of at least $2,000)',
    });
  });

  it('answers 404 for an unknown order id', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    await expect(alpaca.trading.orders.getOrderByOrderID({ orderId: unknown })).rejects.toMatchObject({ status: 404 });
    await expect(cancel(alpaca, unknown)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('answers 422 for an invalid order', async () => {
    const failure = alpaca.trading.orders.submit({ symbol: 'AAPL', side: 'buy', type: 'limit', qty: 1, timeInForce: 'day' });
    await expect(failure).rejects.toMatchObject({ status: 422, message: 'limit_price is required for limit orders' });
  });

  it('holds equity market orders while the market is closed and fills them at the open', async () => {
    await setMarketOpen(exchange.url, false);
    const order = await alpaca.trading.orders.market({ symbol: 'AAPL', qty: 1, side: 'buy' });
    expect(order.status).toBe('accepted');
    const crypto = await alpaca.trading.orders.market({ symbol: 'BTC/USD', notional: 100, side: 'buy', timeInForce: 'gtc' });
    expect(crypto.status).toBe('filled'); // crypto trades 24/7
    await setMarketOpen(exchange.url, true);
    expect(await alpaca.trading.orders.getOrderByOrderID({ orderId: order.id! })).toMatchObject({ status: 'filled', filledAvgPrice: '100' });
  });

  it('cancels an immediate-or-cancel order that cannot fill', async () => {
    const order = await alpaca.trading.orders.limit({ symbol: 'AAPL', qty: 1, side: 'buy', limitPrice: 90, timeInForce: 'ioc' });
    expect(order.status).toBe('canceled');
  });

  it('lists open, closed and all orders, newest first, with a limit', async () => {
    const filled = await alpaca.trading.orders.market({ symbol: 'AAPL', qty: 1, side: 'buy' });
    const open1 = await alpaca.trading.orders.limit({ symbol: 'AAPL', qty: 1, side: 'buy', limitPrice: 80, timeInForce: 'gtc' });
    const open2 = await alpaca.trading.orders.limit({ symbol: 'AAPL', qty: 1, side: 'buy', limitPrice: 81, timeInForce: 'gtc' });
    const ids = async (status: 'open' | 'closed' | 'all', limit?: number) =>
      (await alpaca.trading.orders.getAllOrders({ status, limit })).map((order) => order.id);
    expect(await ids('open')).toEqual([open2.id, open1.id]);
    expect(await ids('closed')).toEqual([filled.id]);
    expect(await ids('all')).toEqual([open2.id, open1.id, filled.id]);
    expect(await ids('all', 2)).toEqual([open2.id, open1.id]);
    const page2 = await alpaca.trading.orders.getAllOrders({ status: 'all', beforeOrderId: open1.id });
    expect(page2.map((order) => order.id)).toEqual([filled.id]);
  });

  it('cancels all open orders with a 207 multi-status list', async () => {
    await alpaca.trading.orders.limit({ symbol: 'AAPL', qty: 1, side: 'buy', limitPrice: 80, timeInForce: 'gtc' });
    await alpaca.trading.orders.limit({ symbol: 'AAPL', qty: 1, side: 'buy', limitPrice: 81, timeInForce: 'gtc' });
    const results = await alpaca.trading.orders.deleteAllOrders();
    expect(results).toHaveLength(2);
    expect(results.every((result) => result.status === 200)).toBe(true);
    expect(await alpaca.trading.orders.getAllOrders({ status: 'open' })).toEqual([]);
  });

  it('emits new and fill trade updates with the position after the fill', async () => {
    const updates: TradeUpdate[] = [];
    const unsubscribe = exchange.onTradeUpdate((accountId, update) => {
      if (accountId === account.account_id) updates.push(update);
    });
    try {
      await alpaca.trading.orders.market({ symbol: 'AAPL', qty: 3, side: 'buy', clientOrderId: 'evt-1' });
    } finally {
      unsubscribe();
    }
    expect(updates.map((update) => update.event)).toEqual(['new', 'fill']);
    expect(updates[1]).toMatchObject({ price: '100', qty: '3', position_qty: '3' });
    expect(updates[1].order).toMatchObject({ client_order_id: 'evt-1', status: 'filled' });
  });
});

// SDK 4.0.2's deleteOrderByOrderID never reads its 204 response, which leaves the request's
// 30 s deadline timer running; the Raw variant plus value() releases it.
async function cancel(alpaca: Alpaca, orderId: string): Promise<void> {
  await (await alpaca.trading.orders.deleteOrderByOrderIDRaw({ orderId })).value();
}
