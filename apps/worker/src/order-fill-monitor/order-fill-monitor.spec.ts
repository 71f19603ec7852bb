import pino from 'pino';
import type { OrderFillEvent, StrategyType } from '../../../../libs/contracts';
import { BrokerNotFoundError } from '../../../../libs/broker/broker.errors';
import type { Broker, BrokerCredentials, BrokerOrder, TradeUpdate } from '../../../../libs/broker/broker.port';
import type { TradeUpdateHandlers } from '../../../../libs/broker/trade-updates-stream';
import type { BotOrder } from '../../../../libs/database/entities';
import type { AppliedOrderUpdate, BrokerOrderUpdate } from '../../../../libs/order-fills/apply-broker-order-update';
import { pendingFillEvent } from '../../../../libs/order-fills/order-fill-event';
import type { FillMonitorSource, OrderToCheck, StreamedAccount } from './fill-monitor-source';
import { OrderFillMonitor, UNACKNOWLEDGED_GRACE_MS } from './order-fill-monitor';
import { RESIGNAL_AFTER_MS } from './resignal-throttle';

const silent = pino({ level: 'silent' });
const flush = async () => {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
};

// What a row and the broker's view of it share: a resting 1 BTC buy at 100.
const TERMS = { symbol: 'BTC/USD', side: 'buy', type: 'limit', timeInForce: 'gtc', qty: 1, notional: null, limitPrice: 100, status: 'new' } as const;

function row(overrides: Partial<BotOrder> = {}): BotOrder {
  return {
    id: `row-${overrides.clientOrderId ?? 'x'}`,
    userId: 'u1',
    strategyId: 's1',
    clientOrderId: 'c1',
    brokerOrderId: 'b1',
    ...TERMS,
    gridLevel: 0,
    parentOrderId: null,
    gridRole: 'open',
    counteredQty: 0,
    filledQty: 0,
    filledAvgPrice: null,
    runNumber: 1,
    submittedAt: null,
    filledAt: null,
    createdAt: new Date(0),
    updatedAt: new Date(0),
    ...overrides,
  } as BotOrder;
}

function brokerOrder(id: string, clientOrderId: string, overrides: Partial<BrokerOrder> = {}): BrokerOrder {
  return {
    id,
    clientOrderId,
    ...TERMS,
    filledQty: 0,
    filledAvgPrice: null,
    submittedAt: '2030-01-01T00:00:00.000Z',
    filledAt: null,
    ...overrides,
  };
}

class FakeBroker {
  readonly calls: string[] = [];
  open: BrokerOrder[] = [];
  readonly byId = new Map<string, BrokerOrder>();
  readonly byClientId = new Map<string, BrokerOrder>();
  failure?: Error;

  async listOrders(status: string) {
    this.calls.push(`list:${status}`);
    if (this.failure) throw this.failure;
    return this.open;
  }
  async getOrder(id: string) {
    this.calls.push(`get:${id}`);
    const order = this.byId.get(id);
    if (!order) throw new BrokerNotFoundError('order not found');
    return order;
  }
  async findOrderByClientOrderId(clientOrderId: string) {
    this.calls.push(`find:${clientOrderId}`);
    return this.byClientId.get(clientOrderId);
  }
}

interface FakeStream {
  userId: string;
  handlers: TradeUpdateHandlers;
  closed: boolean;
}

function setup() {
  let now = 1_000_000;
  const accounts: StreamedAccount[] = [];
  let orders: OrderToCheck[] = [];
  const cutoffs: Date[] = [];
  const source: FillMonitorSource = {
    listStreamedAccounts: async () => [...accounts],
    listOrdersToCheck: async (before) => {
      cutoffs.push(before);
      return orders;
    },
  };
  const brokers = new Map<string, FakeBroker>([
    ['u1', new FakeBroker()],
    ['u2', new FakeBroker()],
  ]);
  const streams: FakeStream[] = [];
  const applied: BrokerOrderUpdate[] = [];
  let applyResult = (update: BrokerOrderUpdate): AppliedOrderUpdate | undefined | Promise<AppliedOrderUpdate | undefined> => ({
    row: row({ clientOrderId: update.order.clientOrderId, brokerOrderId: update.order.id }),
    strategyType: 'dca',
  });
  const signals: OrderFillEvent[] = [];
  let signalFailure: Error | undefined;

  const monitor = new OrderFillMonitor({
    source,
    applyUpdate: async (update) => {
      applied.push(update);
      return applyResult(update);
    },
    signaller: {
      signal: async (event) => {
        if (signalFailure) throw signalFailure;
        signals.push(event);
      },
    },
    loadCredentials: async (userId) => {
      if (!brokers.has(userId)) throw new Error('Alpaca credentials not found');
      return { kind: 'key', keyId: userId, secretKey: 'secret', environment: 'paper' };
    },
    brokerFor: (credentials: BrokerCredentials) => brokers.get((credentials as { keyId: string }).keyId) as unknown as Broker,
    openStream: (credentials, handlers) => {
      const stream: FakeStream = { userId: (credentials as { keyId: string }).keyId, handlers, closed: false };
      streams.push(stream);
      return {
        close: async () => {
          stream.closed = true;
        },
      };
    },
    logger: silent,
    pollIntervalMs: 60_000,
    now: () => now,
  });

  return {
    monitor,
    accounts,
    setOrders: (next: OrderToCheck[]) => (orders = next),
    cutoffs,
    brokers,
    broker: (userId: string) => brokers.get(userId)!,
    streams,
    openStreams: () => streams.filter((s) => !s.closed).map((s) => s.userId),
    applied,
    onApply: (fn: typeof applyResult) => (applyResult = fn),
    signals,
    failSignals: (error: Error | undefined) => (signalFailure = error),
    advance: (ms: number) => (now += ms),
  };
}

const check = (r: BotOrder, strategyType: StrategyType = 'dca'): OrderToCheck => ({ row: r, strategyType });

function tradeUpdate(event: string, order: BrokerOrder, extra: Partial<TradeUpdate> = {}): TradeUpdate {
  return { event, order, positionQty: 0, timestamp: '2030-01-01T00:00:01.000Z', ...extra };
}

describe('OrderFillMonitor streams', () => {
  it('holds one stream per streamed account and follows the set each cycle', async () => {
    const t = setup();
    t.accounts.push({ userId: 'u1', connectionVersion: 'v1' }, { userId: 'u2', connectionVersion: 'v1' });
    await t.monitor.pollOnce();
    expect(t.openStreams()).toEqual(['u1', 'u2']);

    await t.monitor.pollOnce();
    expect(t.streams).toHaveLength(2);

    // u1 has no active strategy any more; u2 connected other credentials.
    t.accounts.splice(0, 2, { userId: 'u2', connectionVersion: 'v2' });
    await t.monitor.pollOnce();
    expect(t.openStreams()).toEqual(['u2']);
    expect(t.streams.map((s) => [s.userId, s.closed])).toEqual([
      ['u1', true],
      ['u2', true],
      ['u2', false],
    ]);

    await t.monitor.stop();
    expect(t.openStreams()).toEqual([]);
  });

  it('retries an account whose credentials cannot be loaded on the next cycle', async () => {
    const t = setup();
    t.accounts.push({ userId: 'u3', connectionVersion: 'v1' });
    await t.monitor.pollOnce();
    expect(t.streams).toHaveLength(0);
    t.brokers.set('u3', new FakeBroker());
    await t.monitor.pollOnce();
    expect(t.openStreams()).toEqual(['u3']);
  });

  it('records fill, partial_fill, canceled, expired, rejected and new events in stream order, and nothing else', async () => {
    const t = setup();
    t.accounts.push({ userId: 'u1', connectionVersion: 'v1' });
    await t.monitor.pollOnce();
    const { handlers } = t.streams[0];
    const order = brokerOrder('b1', 'c1');
    for (const event of ['new', 'pending_new', 'partial_fill', 'fill', 'replaced', 'canceled', 'expired', 'rejected', 'order_cancel_rejected']) {
      handlers.onUpdate(tradeUpdate(event, { ...order, status: event === 'fill' ? 'filled' : 'new' }, { price: 99, qty: 0.5 }));
    }
    await flush();
    expect(t.applied.map((u) => u.order.status)).toEqual(['new', 'new', 'filled', 'new', 'new', 'new']);
    expect(t.applied[1]).toEqual({ order: { ...order, status: 'new' }, executionPrice: 99, executionQty: 0.5, timestamp: '2030-01-01T00:00:01.000Z' });
  });

  it("applies one account's events one at a time", async () => {
    const t = setup();
    t.accounts.push({ userId: 'u1', connectionVersion: 'v1' });
    await t.monitor.pollOnce();
    let active = 0;
    let maxActive = 0;
    t.onApply(async () => {
      maxActive = Math.max(maxActive, ++active);
      await new Promise((resolve) => setImmediate(resolve));
      active -= 1;
      return undefined;
    });
    for (let i = 0; i < 3; i++) t.streams[0].handlers.onUpdate(tradeUpdate('fill', brokerOrder(`b${i}`, `c${i}`)));
    await flush();
    expect(t.applied.map((u) => u.order.id)).toEqual(['b0', 'b1', 'b2']);
    expect(maxActive).toBe(1);
  });

  it('signals the grid fill an event recorded', async () => {
    const t = setup();
    t.accounts.push({ userId: 'u1', connectionVersion: 'v1' });
    await t.monitor.pollOnce();
    const filledRow = row({ status: 'filled', filledQty: 1, filledAvgPrice: 99 });
    t.onApply(() => ({
      row: filledRow,
      strategyType: 'spot_grid',
      newFill: { qty: 1, price: 99, notional: 99, executionKey: 'b1:1' },
      fillEvent: pendingFillEvent(filledRow, 'spot_grid'),
    }));
    t.streams[0].handlers.onUpdate(tradeUpdate('fill', brokerOrder('b1', 'c1', { status: 'filled', filledQty: 1, filledAvgPrice: 99 })));
    await flush();
    expect(t.signals).toEqual([
      { strategyId: 's1', brokerOrderId: 'b1', clientOrderId: 'c1', side: 'buy', filledQty: 1, filledAvgPrice: 99, final: true },
    ]);
  });

  it('polls as soon as a stream (re)connects, since the broker replays nothing it missed', async () => {
    const t = setup();
    t.accounts.push({ userId: 'u1', connectionVersion: 'v1' });
    t.monitor.start();
    await flush();
    expect(t.cutoffs).toHaveLength(1);
    t.streams[0].handlers.onStateChange?.('connected');
    await flush();
    expect(t.cutoffs).toHaveLength(2);
    expect(t.monitor.streamState('u1')).toBe('connected');
    await t.monitor.stop();
  });
});

describe('OrderFillMonitor poll', () => {
  it('asks the broker about every order that may have changed, with one list call per user', async () => {
    const t = setup();
    const listed = row({ clientOrderId: 'c1', brokerOrderId: 'b1' });
    const closed = row({ clientOrderId: 'c2', brokerOrderId: 'b2' });
    const unacknowledged = row({ clientOrderId: 'c3', brokerOrderId: null, status: 'pending' });
    t.setOrders([check(listed), check(closed), check(unacknowledged)]);
    const broker = t.broker('u1');
    broker.open = [brokerOrder('b1', 'c1', { status: 'partially_filled', filledQty: 0.5, filledAvgPrice: 100 })];
    broker.byId.set('b2', brokerOrder('b2', 'c2', { status: 'filled', filledQty: 1, filledAvgPrice: 99 }));
    broker.byClientId.set('c3', brokerOrder('b3', 'c3', { status: 'new' }));

    await t.monitor.pollOnce();

    expect(t.cutoffs).toEqual([new Date(1_000_000 - UNACKNOWLEDGED_GRACE_MS)]);
    expect(broker.calls).toEqual(['list:open', 'get:b2', 'find:c3']);
    expect(t.applied.map((u) => [u.order.id, u.order.status, u.order.filledQty])).toEqual([
      ['b1', 'partially_filled', 0.5],
      ['b2', 'filled', 1],
      ['b3', 'new', 0],
    ]);
  });

  it('leaves an order the broker does not know (yet) alone and goes on with the rest', async () => {
    const t = setup();
    t.setOrders([check(row({ clientOrderId: 'c1', brokerOrderId: 'gone' })), check(row({ clientOrderId: 'c2', brokerOrderId: null, status: 'pending' })), check(row({ clientOrderId: 'c3', brokerOrderId: 'b3' }))]);
    t.broker('u1').byId.set('b3', brokerOrder('b3', 'c3', { status: 'canceled' }));
    await t.monitor.pollOnce();
    expect(t.applied.map((u) => u.order.id)).toEqual(['b3']);
  });

  it("keeps checking other users when one user's broker fails", async () => {
    const t = setup();
    t.setOrders([check(row({ userId: 'u1', clientOrderId: 'c1', brokerOrderId: 'b1' })), check(row({ userId: 'u2', clientOrderId: 'c2', brokerOrderId: 'b2' }))]);
    t.broker('u1').failure = new Error('503 Service Unavailable');
    t.broker('u2').byId.set('b2', brokerOrder('b2', 'c2', { status: 'filled', filledQty: 1, filledAvgPrice: 100 }));
    await t.monitor.pollOnce();
    expect(t.applied.map((u) => u.order.id)).toEqual(['b2']);
  });

  it('signals an uncountered grid fill again without asking the broker, at most once per RESIGNAL_AFTER_MS', async () => {
    const t = setup();
    const filledGridRow = row({ status: 'filled', filledQty: 1, filledAvgPrice: 99, counteredQty: 0 });
    t.setOrders([check(filledGridRow, 'spot_grid')]);

    await t.monitor.pollOnce();
    await t.monitor.pollOnce();
    expect(t.signals).toHaveLength(1);
    expect(t.signals[0]).toMatchObject({ brokerOrderId: 'b1', filledQty: 1, final: true });
    expect(t.broker('u1').calls).toEqual([]);

    t.advance(RESIGNAL_AFTER_MS);
    await t.monitor.pollOnce();
    expect(t.signals).toHaveLength(2);
  });

  it('tries a signal that failed again on the next cycle', async () => {
    const t = setup();
    t.setOrders([check(row({ status: 'filled', filledQty: 1, filledAvgPrice: 99 }), 'reverse_grid')]);
    t.failSignals(new Error('Temporal unavailable'));
    await t.monitor.pollOnce();
    expect(t.signals).toHaveLength(0);
    t.failSignals(undefined);
    await t.monitor.pollOnce();
    expect(t.signals).toHaveLength(1);
  });
});
