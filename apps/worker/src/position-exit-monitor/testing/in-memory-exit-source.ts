import type { OrderSummary } from '../../../../../libs/contracts';
import type { BrokerOrder } from '../../../../../libs/broker/broker.port';
import type { BotOrderStatus } from '../../../../../libs/database/entities';
import { isTerminalOrderStatus, nextOrderStatus } from '../../../../../libs/order-fills/order-status-progress';
import type { ExecutionStore } from '../../../../../activities/strategy-execution/execution-store.port';
import { exitClientOrderId } from '../exit-client-order-id';
import type { ExitMonitorSource, NewExit, PersistedWaterMark, RecordedExit, WatchedStrategy } from '../exit-monitor-source';

/** The monitor's database in memory; also the order store placeOrderOnce writes the exit orders to. */
export class InMemoryExitSource implements ExitMonitorSource {
  readonly strategies = new Map<string, WatchedStrategy & { isActive: boolean }>();
  readonly exits: RecordedExit[] = [];
  readonly waterMarkWrites: Array<[string, PersistedWaterMark | null]> = [];

  watch(strategy: WatchedStrategy): void {
    this.strategies.set(strategy.id, { ...strategy, isActive: true });
  }

  async listWatchedStrategies(): Promise<WatchedStrategy[]> {
    return [...this.strategies.values()].filter((s) => s.isActive).map(({ isActive: _active, ...s }) => structuredClone(s));
  }

  async listUnsentExits(): Promise<RecordedExit[]> {
    return this.exits.filter((e) => e.order.status === 'pending').map((e) => structuredClone(e));
  }

  async latestExit(strategyId: string): Promise<RecordedExit | undefined> {
    const found = this.exits.filter((e) => e.strategyId === strategyId).at(-1);
    return found && structuredClone(found);
  }

  async exitInFlight(userId: string, symbol: string): Promise<RecordedExit | undefined> {
    const found = this.exits.filter((e) => e.userId === userId && e.symbol === symbol && !isTerminalOrderStatus(e.order.status)).at(-1);
    return found && structuredClone(found);
  }

  async saveWaterMark(strategyId: string, waterMark: PersistedWaterMark | null): Promise<void> {
    this.waterMarkWrites.push([strategyId, waterMark]);
    const strategy = this.strategies.get(strategyId);
    if (strategy) strategy.waterMark = waterMark ?? undefined;
  }

  async recordExit(exit: NewExit): Promise<RecordedExit | undefined> {
    const strategy = this.strategies.get(exit.strategy.id)!;
    const seq = this.exits.filter((e) => e.strategyId === strategy.id).length + 1;
    const clientOrderId = exitClientOrderId(strategy.id, seq);
    const recorded: RecordedExit = {
      eventId: `exit-${this.exits.length + 1}`,
      strategyId: strategy.id,
      userId: strategy.userId,
      strategyName: strategy.name,
      strategyType: strategy.type,
      symbol: exit.symbol,
      trigger: exit.trigger,
      triggerPrice: exit.triggerPrice,
      entryPrice: exit.entryPrice,
      details: { seq, client_order_id: clientOrderId, ...exit.details },
      order: { id: `order-${clientOrderId}`, clientOrderId, brokerOrderId: null, status: 'pending', intent: exit.intent },
      createdAt: new Date(),
    };
    this.exits.push(recorded);
    return structuredClone(recorded);
  }

  async abandonExit(exit: RecordedExit, reason: string): Promise<void> {
    const stored = this.byClientOrderId(exit.order.clientOrderId)!;
    stored.order.status = 'canceled';
    stored.details.abandoned = reason;
  }

  async deactivate(strategyId: string): Promise<void> {
    this.strategies.get(strategyId)!.isActive = false;
  }

  /** The fill handler's part: what the broker says about an exit order. */
  async applyUpdate(order: BrokerOrder): Promise<void> {
    const exit = this.byClientOrderId(order.clientOrderId);
    if (!exit) return;
    exit.order.brokerOrderId = order.id;
    exit.order.status = nextOrderStatus(exit.order.status, order.status);
  }

  /** The part of ExecutionStore placeOrderOnce uses. */
  readonly orderStore = {
    findOrder: async (clientOrderId: string) => {
      const exit = this.byClientOrderId(clientOrderId);
      return exit && this.summary(exit);
    },
    insertPendingOrder: async (): Promise<OrderSummary> => {
      throw new Error('exit orders are recorded with their exit');
    },
    applyBrokerOrder: async (clientOrderId: string, order: BrokerOrder) => {
      await this.applyUpdate(order);
      return this.summary(this.byClientOrderId(clientOrderId)!);
    },
    markOrderRejected: async (clientOrderId: string) => {
      this.byClientOrderId(clientOrderId)!.order.status = 'rejected' as BotOrderStatus;
    },
  } as unknown as ExecutionStore;

  private byClientOrderId(clientOrderId: string): RecordedExit | undefined {
    return this.exits.find((e) => e.order.clientOrderId === clientOrderId);
  }

  private summary(exit: RecordedExit): OrderSummary {
    const { order } = exit;
    return {
      id: order.id,
      client_order_id: order.clientOrderId,
      broker_order_id: order.brokerOrderId,
      symbol: order.intent.symbol,
      side: order.intent.side,
      type: 'market',
      qty: order.intent.qty ?? null,
      notional: null,
      limit_price: null,
      status: order.status,
      filled_qty: 0,
      filled_avg_price: null,
    };
  }
}
