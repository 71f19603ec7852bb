import { createLogger } from '../libs/engine/logger/create-logger';
import { gridClientOrderId } from '../libs/contracts';
import { BotOrder, Trade, TradingStrategy } from '../libs/database/entities';
import { buildStrategyActivities } from '../apps/worker/src/temporal/build-strategy-activities';
import { startApiTestStack, type ApiTestStack } from './support/api-test-stack';
import { exchangeAdmin, fillEventOf, userWithPaperAccount, type PaperUser } from './support/strategy-stack';

type ExchangeOrder = { client_order_id: string; side: string; limit_price: string | null; qty: string; status: string; filled_qty: string };

/**
 * The grid activities against the real paper exchange and database, called directly as the
 * workflow would (no Temporal): set-up, answers to fills, duplicates and retries, reconcile, stop.
 */
describe('grid activities (spot grid on the paper exchange)', () => {
  let stack: ApiTestStack;
  let activities: ReturnType<typeof buildStrategyActivities>;
  let user: PaperUser;
  let strategyId: string;

  const exchangeOrders = () => exchangeAdmin<ExchangeOrder[]>(stack, `/admin/orders?key_id=${user.keyId}`);
  const setPrice = (price: number) => exchangeAdmin(stack, '/admin/prices', { symbol: 'AAPL', price });
  const rows = () => stack.dataSource.getRepository(BotOrder).find({ where: { strategyId }, order: { createdAt: 'ASC' } });
  const row = (cid: string) => stack.dataSource.getRepository(BotOrder).findOneByOrFail({ clientOrderId: cid });
  const fillOf = (cid: string) => fillEventOf(stack, user, cid);

  beforeAll(async () => {
    stack = await startApiTestStack('sqlite');
    activities = buildStrategyActivities(stack.dataSource, stack.config, createLogger('grid-test'));
    user = await userWithPaperAccount(stack);
    await exchangeAdmin(stack, '/admin/clock', { is_open: true });
    await setPrice(102);
    const strategy = await stack.dataSource.getRepository(TradingStrategy).save({
      userId: user.userId,
      name: 'grid under test',
      type: 'spot_grid',
      isActive: true,
      autoStart: false,
      configuration: { symbol: 'AAPL', lower_price: 90, upper_price: 110, grid_count: 5, spacing: 'arithmetic', quantity_per_grid: 2 },
      state: null,
    });
    strategyId = strategy.id;
  }, 60_000);

  afterAll(() => stack?.close());

  it('sets up the opening buys once, even when the set-up is retried', async () => {
    const first = await activities.setupGrid({ strategyId, seq: 1 });
    expect(first.resumed).toBe(false);
    expect(first.result.action).toBe('buy');
    const again = await activities.setupGrid({ strategyId, seq: 1 });
    expect(again.resumed).toBe(true);
    const orders = await exchangeOrders();
    expect(orders.map((o) => [o.client_order_id, o.side, o.limit_price, o.qty])).toEqual([
      [gridClientOrderId(strategyId, 0, 1, 'buy'), 'buy', '90', '2'],
      [gridClientOrderId(strategyId, 1, 1, 'buy'), 'buy', '95', '2'],
      [gridClientOrderId(strategyId, 2, 1, 'buy'), 'buy', '100', '2'],
    ]);
    const strategy = await stack.dataSource.getRepository(TradingStrategy).findOneByOrFail({ id: strategyId });
    expect(strategy.state?.grid).toEqual(expect.objectContaining({ start_price: 102, is_crypto: false }));
  });

  it('answers a filled buy with a sell one level up, once, however often the fill arrives', async () => {
    await setPrice(99.5);
    const fill = await fillOf(gridClientOrderId(strategyId, 2, 1, 'buy'));
    expect(fill).toEqual(expect.objectContaining({ side: 'buy', filledQty: 2, filledAvgPrice: 100 }));

    const answered = await activities.handleGridFill({ strategyId, seq: 2, fill });
    expect(answered.action).toBe('sell');
    // The same activity retried, and the same fill signalled again under a later event number.
    expect((await activities.handleGridFill({ strategyId, seq: 2, fill })).action).toBe('hold');
    expect((await activities.handleGridFill({ strategyId, seq: 3, fill })).action).toBe('hold');

    const sells = (await exchangeOrders()).filter((o) => o.side === 'sell');
    expect(sells.map((o) => [o.client_order_id, o.limit_price, o.qty])).toEqual([[gridClientOrderId(strategyId, 3, 2, 'sell'), '105', '2']]);
    const sell = await row(gridClientOrderId(strategyId, 3, 2, 'sell'));
    expect(sell).toEqual(expect.objectContaining({ gridLevel: 3, gridRole: 'close', parentOrderId: (await row(gridClientOrderId(strategyId, 2, 1, 'buy'))).id }));
  });

  it('answers the sell with a buy back one level down and records the round trip profit', async () => {
    await setPrice(105.5);
    const sellCid = gridClientOrderId(strategyId, 3, 2, 'sell');
    const fill = await fillOf(sellCid);
    const answered = await activities.handleGridFill({ strategyId, seq: 4, fill });
    expect(answered.action).toBe('buy');
    expect(answered.reason).toContain('$10.00');
    const trade = await stack.dataSource.getRepository(Trade).findOneByOrFail({ executionKey: `${fill.brokerOrderId}:2` });
    expect(trade.realizedPnl).toBeCloseTo(10);
    const buyBack = await row(gridClientOrderId(strategyId, 2, 4, 'buy'));
    expect(buyBack).toEqual(expect.objectContaining({ limitPrice: 100, qty: 2, gridRole: 'open', status: 'new' }));
  });

  it('reconcile re-places an order the broker closed without being asked', async () => {
    const victim = await row(gridClientOrderId(strategyId, 1, 1, 'buy'));
    await fetch(`${stack.exchange.url}/v2/orders/${victim.brokerOrderId}`, {
      method: 'DELETE',
      headers: { 'APCA-API-KEY-ID': user.keyId, 'APCA-API-SECRET-KEY': user.secretKey },
    });
    const reconciled = await activities.reconcileGrid({ strategyId, seq: 5, trigger: 'manual' });
    expect(reconciled.result.reason).toContain('re-placed 1');
    expect(reconciled.fills).toEqual([]);
    const replacement = await row(gridClientOrderId(strategyId, 1, 5, 'buy'));
    expect(replacement).toEqual(expect.objectContaining({ limitPrice: 95, qty: 2, status: 'new' }));
  });

  it('answers a partial fill for what filled, and the rest when it fills', async () => {
    const buyCid = gridClientOrderId(strategyId, 2, 4, 'buy');
    await setPrice(100); // touches the level: the exchange fills half
    const partial = await fillOf(buyCid);
    expect(partial).toEqual(expect.objectContaining({ filledQty: 1, final: false }));
    expect((await activities.handleGridFill({ strategyId, seq: 6, fill: partial })).action).toBe('sell');

    await setPrice(99.5); // crosses it: the rest fills
    const rest = await fillOf(buyCid);
    expect(rest).toEqual(expect.objectContaining({ filledQty: 2, final: true }));
    expect((await activities.handleGridFill({ strategyId, seq: 7, fill: rest })).action).toBe('sell');
    // The older event arriving late finds nothing left to answer.
    expect((await activities.handleGridFill({ strategyId, seq: 8, fill: partial })).action).toBe('hold');

    const answers = (await exchangeOrders()).filter((o) => o.side === 'sell' && o.status === 'new');
    expect(answers.map((o) => [o.client_order_id, o.limit_price, o.qty])).toEqual([
      [gridClientOrderId(strategyId, 3, 6, 'sell'), '105', '1'],
      [gridClientOrderId(strategyId, 3, 7, 'sell'), '105', '1'],
    ]);
  });

  it('stopping cancels every open grid order at the broker and forgets the start', async () => {
    const cancelled = await activities.cancelGridOrders({ strategyId, userId: user.userId });
    expect(cancelled).toBe(4);
    const open = (await exchangeOrders()).filter((o) => ['new', 'accepted', 'partially_filled'].includes(o.status));
    expect(open).toEqual([]);
    const strategy = await stack.dataSource.getRepository(TradingStrategy).findOneByOrFail({ id: strategyId });
    expect(strategy.state?.grid).toBeUndefined();
    const cids = (await rows()).map((r) => r.clientOrderId);
    expect(new Set(cids).size).toBe(cids.length);
  });
});
