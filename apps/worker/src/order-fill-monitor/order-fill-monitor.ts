import type { Logger } from 'pino';
import type { OrderFillEvent } from '../../../../libs/contracts';
import type { Broker, BrokerCredentials, BrokerOrder, TradeUpdate } from '../../../../libs/broker/broker.port';
import { BrokerNotFoundError } from '../../../../libs/broker/broker.errors';
import type { AppliedOrderUpdate, BrokerOrderUpdate } from '../../../../libs/order-fills/apply-broker-order-update';
import type { FillSignaller } from '../../../../libs/order-fills/fill-signaller.port';
import { pendingFillEvent } from '../../../../libs/order-fills/order-fill-event';
import { isTerminalOrderStatus } from '../../../../libs/order-fills/order-status-progress';
import { AccountStreams, type OpenTradeStream } from './account-streams';
import type { FillMonitorSource, OrderToCheck } from './fill-monitor-source';
import { PollLoop } from './poll-loop';
import { RepeatedWarnings } from './repeated-warnings';
import { ResignalThrottle } from './resignal-throttle';

export interface OrderFillMonitorDeps {
  source: FillMonitorSource;
  applyUpdate(update: BrokerOrderUpdate): Promise<AppliedOrderUpdate | undefined>;
  signaller: FillSignaller;
  loadCredentials(userId: string): Promise<BrokerCredentials>;
  brokerFor(credentials: BrokerCredentials): Broker;
  openStream: OpenTradeStream;
  logger: Logger;
  pollIntervalMs: number;
  /** false: poll only, hold no trade_updates streams (ORDER_FILL_STREAM=off). */
  streaming?: boolean;
  now?: () => number;
}

/** Stream events that can change what we record about an order. */
const RECORDED_EVENTS = new Set(['fill', 'partial_fill', 'canceled', 'expired', 'rejected', 'new']);

// A row still without a broker id is the placing activity's business until it is this old (ms):
// after that its placement may have crashed after the broker took the order, and the poll looks.
export const UNACKNOWLEDGED_GRACE_MS = 30_000;

/**
 * Records order fills as they happen and hands grid fills to their workflows. One trade_updates
 * stream per broker account delivers fills within moments; a poll every interval asks the broker
 * about every open order, covering whatever a stream missed (Alpaca replays nothing after a
 * disconnect) and signalling again grid fills whose signal was lost.
 */
export class OrderFillMonitor {
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly streams: AccountStreams;
  private readonly loop: PollLoop;
  private readonly warnings: RepeatedWarnings;
  private readonly throttle: ResignalThrottle;

  constructor(private readonly deps: OrderFillMonitorDeps) {
    this.logger = deps.logger;
    this.now = deps.now ?? Date.now;
    this.warnings = new RepeatedWarnings(deps.logger);
    this.throttle = new ResignalThrottle(this.now);
    this.streams = new AccountStreams({
      open: deps.openStream,
      loadCredentials: deps.loadCredentials,
      onUpdate: (userId, update) => this.onStreamUpdate(userId, update),
      onConnected: () => this.loop.runSoon(),
      logger: deps.logger,
      warnings: this.warnings,
    });
    this.loop = new PollLoop(() => this.pollOnce(), deps.pollIntervalMs, (err) =>
      this.logger.error({ err }, `❌ Order fill poll failed: ${(err as Error).message}`),
    );
  }

  /** Starts streaming and polling; the first cycle runs in the background. */
  start(): void {
    void this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
    await this.streams.closeAll();
  }

  /** The account's stream: 'connected' once it listens; undefined when none is held. */
  streamState(userId: string) {
    return this.streams.state(userId);
  }

  /** One cycle: refresh the set of streams, then ask the broker about every order that may have changed. */
  async pollOnce(): Promise<void> {
    if (this.deps.streaming !== false) {
      try {
        await this.streams.sync(await this.deps.source.listStreamedAccounts());
      } catch (err) {
        this.logger.error({ err }, `❌ Cannot refresh trade update streams: ${(err as Error).message}`);
      }
    }
    const orders = await this.deps.source.listOrdersToCheck(new Date(this.now() - UNACKNOWLEDGED_GRACE_MS));
    // The guide's line, at info only when there is something to check: an idle poll every few seconds would flood the log.
    this.logger[orders.length > 0 ? 'info' : 'debug']({ orders: orders.length }, '🔍 Checking pending orders for fills...');
    const byUser = new Map<string, OrderToCheck[]>();
    for (const order of orders) byUser.set(order.row.userId, [...(byUser.get(order.row.userId) ?? []), order]);
    // Users side by side, and one user's broker failing never holds up the others.
    await Promise.all([...byUser].map(([userId, userOrders]) => this.checkUser(userId, userOrders)));
  }

  private async onStreamUpdate(userId: string, update: TradeUpdate): Promise<void> {
    if (!RECORDED_EVENTS.has(update.event)) return;
    const applied = await this.deps.applyUpdate({
      order: update.order,
      executionPrice: update.price,
      executionQty: update.qty,
      timestamp: update.timestamp,
    });
    if (applied?.newFill) this.logFill(userId, applied, 'stream');
    await this.signal(applied?.fillEvent, applied?.newFill !== undefined);
  }

  private async checkUser(userId: string, orders: OrderToCheck[]): Promise<void> {
    try {
      const open = orders.filter(({ row }) => !isTerminalOrderStatus(row.status));
      // Closed grid orders need no broker: only their uncountered fill signalled again.
      for (const { row, strategyType } of orders) {
        if (isTerminalOrderStatus(row.status)) await this.signal(pendingFillEvent(row, strategyType), false);
      }
      if (open.length === 0) return;
      const broker = this.deps.brokerFor(await this.deps.loadCredentials(userId));
      const listed = new Map((await broker.listOrders('open')).map((order) => [order.id, order]));
      for (const { row } of open) {
        const order = await this.currentOrder(broker, listed, row.brokerOrderId, row.clientOrderId);
        if (!order) continue;
        const applied = await this.deps.applyUpdate({ order });
        if (applied?.newFill) this.logFill(userId, applied, 'poll');
        await this.signal(applied?.fillEvent, applied?.newFill !== undefined);
      }
      this.warnings.clear(`poll:${userId}`);
    } catch (err) {
      this.warnings.warn(`poll:${userId}`, { err, user_id: userId }, `⚠️ Cannot check orders for fills: ${(err as Error).message}`);
    }
  }

  /** The order as the broker has it now; undefined when the broker does not know it (yet). */
  private async currentOrder(broker: Broker, listed: Map<string, BrokerOrder>, brokerOrderId: string | null, clientOrderId: string) {
    if (!brokerOrderId) return broker.findOrderByClientOrderId(clientOrderId);
    try {
      return listed.get(brokerOrderId) ?? (await broker.getOrder(brokerOrderId));
    } catch (err) {
      if (!(err instanceof BrokerNotFoundError)) throw err;
      this.logger.warn({ broker_order_id: brokerOrderId, client_order_id: clientOrderId }, '⚠️ The broker does not know this order');
      return undefined;
    }
  }

  private async signal(event: OrderFillEvent | undefined, newFill: boolean): Promise<void> {
    if (!event || !this.throttle.shouldSend(event, newFill)) return;
    try {
      await this.deps.signaller.signal(event);
    } catch (err) {
      // Not sent: the next poll that sees the fill tries again.
      this.throttle.forget(event);
      this.logger.warn({ err, strategy_id: event.strategyId, broker_order_id: event.brokerOrderId }, `⚠️ Cannot signal the fill: ${(err as Error).message}`);
    }
  }

  private logFill(userId: string, applied: AppliedOrderUpdate, via: 'stream' | 'poll'): void {
    const { row, newFill } = applied;
    this.logger.info(
      { user_id: userId, strategy_id: row.strategyId, order_id: row.id, broker_order_id: row.brokerOrderId, via },
      `💰 ${row.side} ${newFill!.qty} ${row.symbol} @ ${newFill!.price} filled (${row.filledQty} of the order so far, ${row.status})`,
    );
  }
}
