import { randomUUID } from 'node:crypto';
import { Test, type TestingModule } from '@nestjs/testing';
import { defaultPayloadConverter } from '@temporalio/common';
import pino from 'pino';
import { FILL_SIGNALLER, OrderFillMonitorService } from '../apps/worker/src/order-fill-monitor/order-fill-monitor.service';
import { WorkerModule } from '../apps/worker/src/worker.module';
import type { AppConfig } from '../libs/config';
import { gridClientOrderId, strategyWorkflowId, type OrderFillEvent, type StrategyType } from '../libs/contracts';
import type { Broker } from '../libs/broker/broker.port';
import { BotOrder, Trade, TradingStrategy } from '../libs/database/entities';
import type { TestDatabaseKind } from '../libs/database/testing/test-database';
import { TemporalFillSignaller } from '../libs/order-fills/temporal-fill-signaller';
import { startApiTestStack, unusedPort, type ApiTestStack } from './support/api-test-stack';
import { exchangeAdmin, paperBrokerOf, userWithPaperAccount } from './support/strategy-stack';
import { connectTemporal, eventually } from './support/temporal';

const SYMBOL = 'BTC/USD';

/**
 * The worker's order-fill monitor against a real paper exchange and a real database: fills of
 * orders in bot_orders become trades through the account's trade_updates stream, or through the
 * poll when no stream is there; grid fills are handed to the signaller.
 */
describe.each<TestDatabaseKind>(['sqlite', 'postgres'])('order fill monitor on %s', (kind) => {
  let stack: ApiTestStack;
  let worker: TestingModule | undefined;
  const signals: OrderFillEvent[] = [];

  beforeAll(async () => {
    stack = await startApiTestStack(kind, { env: { ENABLE_TRADING_SCHEDULER: 'false' } });
  }, 60_000);

  afterEach(async () => {
    await worker?.close();
    worker = undefined;
    signals.length = 0;
  });

  afterAll(async () => {
    await stack?.close();
  }, 30_000);

  /** The worker module as the worker process builds it, with a capturing signaller. */
  async function startWorker(config: AppConfig): Promise<OrderFillMonitorService> {
    worker = await Test.createTestingModule({ imports: [WorkerModule.forRoot({ config, dataSource: stack.dataSource })] })
      .overrideProvider(FILL_SIGNALLER)
      .useValue({ signal: async (event: OrderFillEvent) => void signals.push(event) })
      .compile();
    await worker.init();
    return worker.get(OrderFillMonitorService);
  }

  const withSettings = (settings: { pollSeconds: number; streamUrl?: string }): AppConfig => ({
    ...stack.config,
    orderFillPollSeconds: settings.pollSeconds,
    alpaca: { ...stack.config.alpaca, streamUrl: settings.streamUrl ?? stack.config.alpaca.streamUrl },
  });

  async function traderWithStrategy(type: StrategyType) {
    const user = await userWithPaperAccount(stack);
    const strategy = await stack.dataSource
      .getRepository(TradingStrategy)
      .save({ userId: user.userId, name: `${type} ${SYMBOL}`, type, isActive: true, configuration: { symbol: SYMBOL } });
    return { user, strategy, broker: paperBrokerOf(stack, user) };
  }

  /** A resting limit buy at the exchange and its bot_orders row, as a strategy would have left them. */
  async function restingBuy(broker: Broker, strategy: TradingStrategy, options: { recordBrokerId: boolean }) {
    await exchangeAdmin(stack, '/admin/prices', { symbol: SYMBOL, price: 50_000 });
    const clientOrderId = gridClientOrderId(strategy.id, 0, Math.floor(Math.random() * 1e6), 'buy');
    const intent = { symbol: SYMBOL, side: 'buy' as const, type: 'limit' as const, timeInForce: 'gtc' as const, qty: 0.01, limitPrice: 49_000 };
    const placed = await broker.placeOrder({ clientOrderId, ...intent });
    expect(placed.status).not.toBe('filled');
    const row = await stack.dataSource.getRepository(BotOrder).save({
      userId: strategy.userId,
      strategyId: strategy.id,
      clientOrderId,
      brokerOrderId: options.recordBrokerId ? placed.id : null,
      ...intent,
      status: options.recordBrokerId ? ('new' as const) : ('pending' as const),
      gridLevel: 0,
      gridRole: 'open' as const,
    });
    return { row, placed };
  }

  const filledRow = (id: string) =>
    eventually(async () => {
      const row = await stack.dataSource.getRepository(BotOrder).findOneByOrFail({ id });
      return row.status === 'filled' ? row : undefined;
    }, 5_000);
  const tradesOf = (orderId: string) => stack.dataSource.getRepository(Trade).findBy({ orderId });

  it('records a fill from the stream within moments and signals the grid', async () => {
    const { user, strategy, broker } = await traderWithStrategy('spot_grid');
    // Polls only at start and when the stream connects: what follows can only come from the stream.
    const monitor = await startWorker(withSettings({ pollSeconds: 3_600 }));
    await eventually(async () => monitor.streamState(user.userId) === 'connected', 10_000);
    const { row, placed } = await restingBuy(broker, strategy, { recordBrokerId: true });

    await exchangeAdmin(stack, '/admin/prices', { symbol: SYMBOL, price: 48_000 });

    const filled = await filledRow(row.id);
    expect(filled).toMatchObject({ brokerOrderId: placed.id, filledQty: 0.01, filledAvgPrice: 49_000 });
    const trades = await eventually(async () => {
      const found = await tradesOf(row.id);
      return found.length > 0 ? found : undefined;
    }, 5_000);
    expect(trades).toEqual([
      expect.objectContaining({ executionKey: `${placed.id}:0.01`, side: 'buy', qty: 0.01, price: 49_000, notional: 490, realizedPnl: null }),
    ]);
    await eventually(async () => signals.length > 0, 5_000);
    expect(signals).toEqual([
      { strategyId: strategy.id, brokerOrderId: placed.id, clientOrderId: row.clientOrderId, side: 'buy', filledQty: 0.01, filledAvgPrice: 49_000, final: true },
    ]);
  }, 30_000);

  it('records fills by polling when no stream can connect, including an order whose placement was never acknowledged', async () => {
    const { strategy, broker } = await traderWithStrategy('dca');
    const deadStream = `ws://127.0.0.1:${await unusedPort()}/stream`;
    const acknowledged = await restingBuy(broker, strategy, { recordBrokerId: true });
    const unacknowledged = await restingBuy(broker, strategy, { recordBrokerId: false });
    // Recorded long enough ago that the placing activity must have crashed after sending it.
    await stack.dataSource.getRepository(BotOrder).update(unacknowledged.row.id, { createdAt: new Date(Date.now() - 60_000) });

    await startWorker(withSettings({ pollSeconds: 1, streamUrl: deadStream }));
    await exchangeAdmin(stack, '/admin/prices', { symbol: SYMBOL, price: 48_000 });

    for (const { row, placed } of [acknowledged, unacknowledged]) {
      expect(await filledRow(row.id)).toMatchObject({ brokerOrderId: placed.id, filledQty: 0.01 });
      const trades = await eventually(async () => ((await tradesOf(row.id)).length === 1 ? tradesOf(row.id) : undefined), 5_000);
      expect(trades[0]).toMatchObject({ executionKey: `${placed.id}:0.01`, qty: 0.01, price: 49_000 });
    }
    // Interval strategies have no workflow waiting for fills (an earlier test's grid may be signalled again).
    expect(signals.filter((event) => event.strategyId === strategy.id)).toEqual([]);
  }, 30_000);
});

describe('TemporalFillSignaller', () => {
  it('signals orderFilled to strategy-<id>, and shrugs at a strategy without a workflow', async () => {
    const temporal = await connectTemporal();
    const strategyId = randomUUID();
    // No worker polls this queue: the workflow stays open and its history records the signal.
    const handle = await temporal.client.workflow.start('gridStrategyWorkflow', {
      workflowId: strategyWorkflowId(strategyId),
      taskQueue: temporal.taskQueue,
      args: [],
    });
    try {
      const signaller = new TemporalFillSignaller(temporal.client, pino({ level: 'silent' }));
      const event: OrderFillEvent = { strategyId, brokerOrderId: 'b-1', clientOrderId: 'ag-1', side: 'sell', filledQty: 2, filledAvgPrice: 101.5, final: true };
      await signaller.signal(event);
      await expect(signaller.signal({ ...event, strategyId: randomUUID() })).resolves.toBeUndefined();

      const history = await handle.fetchHistory();
      const signalled = history.events?.find((e) => e.workflowExecutionSignaledEventAttributes)?.workflowExecutionSignaledEventAttributes;
      expect(signalled?.signalName).toBe('orderFilled');
      expect(defaultPayloadConverter.fromPayload(signalled!.input!.payloads![0])).toEqual(event);
    } finally {
      await handle.terminate('test done').catch(() => undefined);
      await temporal.close();
    }
  }, 30_000);
});
