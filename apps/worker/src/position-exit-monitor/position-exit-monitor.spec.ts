import pino from 'pino';
import type { PositionExitEvent } from '../../../../libs/contracts/position-exit';
import { BrokerUnavailableError, OrderRejectedError } from '../../../../libs/broker/broker.errors';
import type { ExitRules } from '../../../../libs/exits';
import { placeOrderOnce } from '../../../../activities/strategy-execution/place-order-once';
import type { WatchedStrategy } from './exit-monitor-source';
import { PositionExitMonitor } from './position-exit-monitor';
import type { PriceStreamHandlers } from './sdk-price-stream';
import { FakeExitBroker } from './testing/fake-exit-broker';
import { InMemoryExitSource } from './testing/in-memory-exit-source';

const STRATEGY_ID = '6f1c2a9e-0b7d-4c1e-9a55-3d2f8e7b1a01';
const HEX = STRATEGY_ID.replace(/-/g, '');

interface FakePriceStream {
  keyId: string;
  handlers: PriceStreamHandlers;
  symbols: string[];
  closed: boolean;
}

function setup(rules: ExitRules, overrides: Partial<WatchedStrategy> = {}, options: { credentials?: 'key' | 'oauth' } = {}) {
  const source = new InMemoryExitSource();
  source.watch({ id: STRATEGY_ID, userId: 'u1', name: 'Daily AAPL', type: 'dca', symbol: 'AAPL', rules, ...overrides });
  const account = new FakeExitBroker();
  const signals: PositionExitEvent[] = [];
  const stopped: string[] = [];
  const priceStreams: FakePriceStream[] = [];
  const monitor = () =>
    new PositionExitMonitor({
      source,
      placeOrder: (broker, order) => placeOrderOnce(source.orderStore, broker, order),
      applyUpdate: (order) => source.applyUpdate(order),
      signaller: { signal: async (exit) => void signals.push(exit) },
      stopWorkflow: async (strategyId) => void stopped.push(strategyId),
      loadCredentials: async () =>
        options.credentials === 'oauth' ? { kind: 'oauth', accessToken: 't', environment: 'paper' } : { kind: 'key', keyId: 'k', secretKey: 's', environment: 'paper' },
      brokerFor: () => account.broker,
      logger: pino({ level: 'silent' }),
      now: () => new Date('2030-01-02T15:00:00Z'),
      pollIntervalMs: 60_000,
      openPriceStream: (keys, handlers) => {
        const stream: FakePriceStream = { keyId: keys.keyId, handlers, symbols: [], closed: false };
        priceStreams.push(stream);
        return {
          follow: (symbols) => void (stream.symbols = [...symbols]),
          subscribed: () => stream.symbols,
          close: async () => void (stream.closed = true),
        };
      },
    });
  return { source, account, signals, stopped, monitor, priceStreams };
}

describe('PositionExitMonitor', () => {
  it('closes a long position once its stop loss is crossed, records the exit and signals the workflow', async () => {
    const { source, account, signals, monitor } = setup({ stopLossPct: 2 });
    account.hold('AAPL', 2, 100);
    account.prices.set('AAPL', 98.5);
    const m = monitor();
    await m.checkOnce();
    expect(account.placedOrders()).toHaveLength(0);

    account.prices.set('AAPL', 97);
    await m.checkOnce();
    expect(account.placedOrders()).toEqual([
      expect.objectContaining({ clientOrderId: `ax-${HEX}-1`, symbol: 'AAPL', side: 'sell', type: 'market', qty: 2, timeInForce: 'day' }),
    ]);
    expect(source.exits).toEqual([
      expect.objectContaining({
        trigger: 'stop_loss',
        triggerPrice: 97,
        entryPrice: 100,
        details: expect.objectContaining({ seq: 1, threshold_price: 98, position_side: 'long', position_qty: 2 }),
        order: expect.objectContaining({ brokerOrderId: 'broker-1', status: 'filled' }),
      }),
    ]);
    expect(signals).toEqual([
      expect.objectContaining({ strategyId: STRATEGY_ID, trigger: 'stop_loss', triggerPrice: 97, thresholdPrice: 98, qty: 2, brokerOrderId: 'broker-1' }),
    ]);

    // The position is gone: a further fall sends nothing.
    account.prices.set('AAPL', 90);
    await m.checkOnce();
    expect(account.placedOrders()).toHaveLength(1);
  });

  it('never closes the same position twice: not while the exit order rests, nor when the broker still reports it after the fill', async () => {
    const { source, account, monitor } = setup({ stopLossPct: 2 });
    account.hold('AAPL', 2, 100);
    account.prices.set('AAPL', 97);
    account.fillMarketOrders = false;
    const m = monitor();
    await m.checkOnce();
    await m.checkOnce();
    await m.checkOnce();
    expect(account.placedOrders()).toHaveLength(1);
    expect(account.calls).toContain('get:broker-1');

    // Filled at the broker, but its position endpoint has not caught up.
    const [exitOrder] = account.placedOrders();
    exitOrder.status = 'filled';
    await m.checkOnce();
    expect(source.exits[0].order.status).toBe('filled');
    await m.checkOnce();
    expect(account.placedOrders()).toHaveLength(1);
  });

  it('closes a new position after the previous exit with the next client_order_id', async () => {
    const { account, monitor } = setup({ stopLossPct: 2 });
    const m = monitor();
    account.hold('AAPL', 2, 100);
    account.prices.set('AAPL', 97);
    await m.checkOnce();
    account.hold('AAPL', 1, 97);
    account.prices.set('AAPL', 95);
    await m.checkOnce();
    expect(account.placedOrders().map((o) => o.clientOrderId)).toEqual([`ax-${HEX}-1`, `ax-${HEX}-2`]);
  });

  it('buys back a short position at its take profit', async () => {
    const { account, source, monitor } = setup({ takeProfitPct: 5 });
    account.hold('AAPL', -3, 100);
    account.prices.set('AAPL', 94);
    await monitor().checkOnce();
    expect(account.placedOrders()).toEqual([expect.objectContaining({ side: 'buy', qty: 3 })]);
    expect(source.exits[0]).toMatchObject({ trigger: 'take_profit', details: { position_side: 'short', threshold_price: 95 } });
  });

  it('trails a rise, persists the high and fires on the fall; a restarted monitor keeps the high', async () => {
    const { account, source, monitor } = setup({ trailingStopPct: 2 });
    account.hold('AAPL', 1, 100);
    const first = monitor();
    for (const price of [101, 105, 110, 109]) {
      account.prices.set('AAPL', price);
      await first.checkOnce();
    }
    expect(source.strategies.get(STRATEGY_ID)?.waterMark).toEqual({ side: 'long', water_mark: 110, after_exit: 0 });
    expect(source.waterMarkWrites.map(([, mark]) => mark?.water_mark)).toEqual([101, 105, 110]);
    expect(account.placedOrders()).toHaveLength(0);

    // A new process: 107.5 is 2.3% below the high of 110 it never saw itself.
    account.prices.set('AAPL', 107.5);
    await monitor().checkOnce();
    expect(account.placedOrders()).toHaveLength(1);
    expect(source.exits[0]).toMatchObject({ trigger: 'trailing_stop', triggerPrice: 107.5, details: { threshold_price: 107.8, water_mark: 110 } });
    expect(source.strategies.get(STRATEGY_ID)?.waterMark).toBeUndefined();
  });

  it('ignores a persisted high that belongs to the position before the last exit', async () => {
    const { account, source, monitor } = setup({ trailingStopPct: 2 }, { waterMark: { side: 'long', water_mark: 150, after_exit: 0 } });
    // The strategy's first position was closed; the high of 150 was that position's.
    await source.recordExit({
      strategy: { id: STRATEGY_ID, userId: 'u1' },
      symbol: 'AAPL',
      trigger: 'stop_loss',
      triggerPrice: 140,
      entryPrice: 145,
      intent: { symbol: 'AAPL', side: 'sell', type: 'market', timeInForce: 'day', qty: 5 },
      details: { threshold_price: 142, position_side: 'long', position_qty: 5, water_mark: 150, reason: 'earlier' },
    });
    source.exits[0].order.status = 'filled';
    account.hold('AAPL', 1, 100);
    account.prices.set('AAPL', 101);
    await monitor().checkOnce();
    expect(account.placedOrders()).toHaveLength(0);
    expect(source.strategies.get(STRATEGY_ID)?.waterMark).toEqual({ side: 'long', water_mark: 101, after_exit: 1 });
  });

  it('sends an exit the broker never acknowledged under the same client_order_id, once', async () => {
    const { account, source, monitor } = setup({ stopLossPct: 2 });
    account.hold('AAPL', 2, 100);
    account.prices.set('AAPL', 97);
    account.failNextPlacement = new BrokerUnavailableError('503 Service Unavailable', 503);
    const m = monitor();
    await m.checkOnce();
    expect(account.placedOrders()).toHaveLength(0);
    expect(source.exits[0].order.status).toBe('pending');

    // Next cycle (or a restarted worker): the recorded exit is sent, not a second one decided.
    account.prices.set('AAPL', 96);
    await monitor().checkOnce();
    expect(account.placedOrders().map((o) => o.clientOrderId)).toEqual([`ax-${HEX}-1`]);
    expect(source.exits).toHaveLength(1);
    expect(source.exits[0].triggerPrice).toBe(97);
  });

  it('adopts an exit order that went out before a crash instead of sending another', async () => {
    const { account, source, monitor } = setup({ stopLossPct: 2 });
    account.hold('AAPL', 2, 100);
    account.prices.set('AAPL', 97);
    const m = monitor();
    await m.checkOnce();
    source.exits[0].order.status = 'pending';
    source.exits[0].order.brokerOrderId = null;
    await monitor().checkOnce();
    expect(account.placedOrders()).toHaveLength(1);
    expect(source.exits[0].order).toMatchObject({ brokerOrderId: 'broker-1', status: 'filled' });
  });

  it('abandons an unsent exit whose position closed meanwhile', async () => {
    const { account, source, monitor } = setup({ stopLossPct: 2 });
    account.hold('AAPL', 2, 100);
    account.prices.set('AAPL', 97);
    account.failNextPlacement = new BrokerUnavailableError('timeout');
    await monitor().checkOnce();
    account.positions.delete('AAPL');
    await monitor().checkOnce();
    expect(account.placedOrders()).toHaveLength(0);
    expect(source.exits[0].order.status).toBe('canceled');
    expect(source.exits[0].details.abandoned).toMatch(/closed/);
  });

  it('does not retry an exit the broker refused while the position is unchanged', async () => {
    const { account, source, monitor } = setup({ stopLossPct: 2 });
    account.hold('AAPL', 2, 100);
    account.prices.set('AAPL', 97);
    account.failNextPlacement = new OrderRejectedError('qty must be > 0');
    const m = monitor();
    await m.checkOnce();
    await m.checkOnce();
    expect(source.exits).toHaveLength(1);
    expect(source.exits[0].order.status).toBe('rejected');
    expect(account.calls.filter((c) => c.startsWith('place:'))).toHaveLength(1);
  });

  it('stops a grid before its exit: deactivates it, cancels its orders at the broker, then sells, signals and cancels the workflow', async () => {
    const { account, source, signals, stopped, monitor } = setup({ stopLossPct: 2 }, { type: 'spot_grid', name: 'AAPL grid' });
    account.hold('AAPL', 2, 100);
    account.prices.set('AAPL', 97);
    const gridBuy = account.restingOrder(`ag-${HEX}-0-1b`, 'AAPL', 'buy', 95);
    const otherOrder = account.restingOrder(`ap-${HEX.replace(/^./, 'f')}-1`, 'AAPL', 'buy', 90);
    await monitor().checkOnce();

    expect(source.strategies.get(STRATEGY_ID)?.isActive).toBe(false);
    expect(gridBuy.status).toBe('canceled');
    expect(otherOrder.status).toBe('new');
    expect(account.calls.indexOf(`cancel:${gridBuy.id}`)).toBeLessThan(account.calls.indexOf(`place:ax-${HEX}-1`));
    expect(signals).toHaveLength(1);
    expect(stopped).toEqual([STRATEGY_ID]);
  });

  it('closes a position two strategies share once, also while the exit order rests', async () => {
    const { account, source, monitor } = setup({ stopLossPct: 2 });
    source.watch({ id: 'a2b3c4d5-0000-4000-8000-000000000002', userId: 'u1', name: 'Second', type: 'dca', symbol: 'AAPL', rules: { stopLossPct: 1 } });
    account.hold('AAPL', 2, 100);
    account.prices.set('AAPL', 97);
    account.fillMarketOrders = false;
    const m = monitor();
    await m.checkOnce();
    await m.checkOnce();
    expect(account.placedOrders()).toHaveLength(1);
    expect(source.exits).toHaveLength(1);
  });

  it('forgets the water mark of a closed position and leaves strategies without a position alone', async () => {
    const { account, source, monitor } = setup({ trailingStopPct: 2 }, { waterMark: { side: 'long', water_mark: 120, after_exit: 0 } });
    account.prices.set('AAPL', 50);
    await monitor().checkOnce();
    expect(account.placedOrders()).toHaveLength(0);
    expect(account.calls).not.toContain('price:AAPL');
    expect(source.strategies.get(STRATEGY_ID)?.waterMark).toBeUndefined();
  });

  it('one failing account does not hold up the others', async () => {
    const { account, source, monitor } = setup({ stopLossPct: 2 });
    source.watch({ id: 'b0000000-0000-4000-8000-000000000003', userId: 'u2', name: 'Broken', type: 'dca', symbol: 'MSFT', rules: { stopLossPct: 2 } });
    account.hold('AAPL', 2, 100);
    account.prices.set('AAPL', 97);
    // MSFT has no price: its strategy's check fails, AAPL's goes on.
    account.hold('MSFT', 1, 100);
    await monitor().checkOnce();
    expect(account.placedOrders().map((o) => o.symbol)).toEqual(['AAPL']);
  });

  describe('with a price stream', () => {
    const flush = async () => {
      for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
    };

    it("follows the watched symbols of the account and closes the stream once nothing is watched", async () => {
      const { source, priceStreams, monitor } = setup({ stopLossPct: 2 });
      const m = monitor();
      await m.checkOnce();
      expect(priceStreams).toEqual([expect.objectContaining({ keyId: 'k', symbols: ['AAPL'], closed: false })]);
      await source.deactivate(STRATEGY_ID);
      await m.checkOnce();
      expect(priceStreams[0].closed).toBe(true);
    });

    it('holds none for an OAuth account (the poll watches it)', async () => {
      const { priceStreams, monitor } = setup({ stopLossPct: 2 }, {}, { credentials: 'oauth' });
      await monitor().checkOnce();
      expect(priceStreams).toEqual([]);
    });

    it('a streamed trade across the stop wakes a check at once, long before the next poll', async () => {
      const { account, priceStreams, monitor } = setup({ stopLossPct: 2 });
      account.hold('AAPL', 2, 100);
      account.prices.set('AAPL', 99);
      const m = monitor();
      m.start();
      try {
        await flush();
        expect(account.placedOrders()).toHaveLength(0);

        account.prices.set('AAPL', 97);
        priceStreams[0].handlers.onTrade('AAPL', 99.5);
        await flush();
        expect(account.placedOrders()).toHaveLength(0);
        priceStreams[0].handlers.onTrade('AAPL', 97);
        await flush();
        expect(account.placedOrders()).toHaveLength(1);
      } finally {
        await m.stop();
      }
      expect(priceStreams[0].closed).toBe(true);
    });

    it('a streamed high between polls moves the trailing stop', async () => {
      const { account, source, priceStreams, monitor } = setup({ trailingStopPct: 2 });
      account.hold('AAPL', 1, 100);
      account.prices.set('AAPL', 101);
      const m = monitor();
      await m.checkOnce();
      priceStreams[0].handlers.onTrade('AAPL', 115);
      // The poll reads 112.5: 2.2% under the streamed high, though above every polled price.
      account.prices.set('AAPL', 112.5);
      await m.checkOnce();
      expect(source.exits).toEqual([expect.objectContaining({ trigger: 'trailing_stop', details: expect.objectContaining({ water_mark: 115, threshold_price: 112.7 }) })]);
    });
  });
});
