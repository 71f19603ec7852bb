import type { Logger } from 'pino';
import { isGridStrategyType, type OrderIntent, type OrderSummary } from '../../../../libs/contracts';
import type { PositionExitEvent } from '../../../../libs/contracts/position-exit';
import type { Broker, BrokerOrder, BrokerPosition } from '../../../../libs/broker/broker.port';
import { InsufficientBuyingPowerError, OrderRejectedError } from '../../../../libs/broker/broker.errors';
import type { ExitDecision, ExitTrigger } from '../../../../libs/exits';
import { timeInForceFor } from '../../../../libs/strategies/order-sizing';
import type { OrderToPlace } from '../../../../activities/strategy-execution/place-order-once';
import { cancelGridOrdersAtBroker } from '../../../../activities/grid/cancel-grid-orders-at-broker';
import type { ExitMonitorSource, RecordedExit, WatchedStrategy } from './exit-monitor-source';
import type { ExitSignaller } from './exit-signaller';

export interface PositionCloserDeps {
  source: ExitMonitorSource;
  /** Sends the recorded order at most once (placeOrderOnce over bot_orders). */
  placeOrder(broker: Broker, order: OrderToPlace): Promise<OrderSummary>;
  /** Records what the broker says about one of our orders (the fill handler). */
  applyUpdate(order: BrokerOrder): Promise<unknown>;
  signaller: ExitSignaller;
  /** Cancels the strategy's workflow (a grid stops when its position is closed). */
  stopWorkflow(strategyId: string): Promise<unknown>;
  logger: Logger;
  now(): Date;
}

export type FiredExit = Exclude<ExitDecision, { trigger: 'none' }>;

const HEADLINES: Record<ExitTrigger, string> = {
  stop_loss: '🛑 STOP LOSS',
  take_profit: '🎯 TAKE PROFIT',
  trailing_stop: '📉 TRAILING STOP',
};

/**
 * Closes a position once its exit fired: records the exit and its order first, then sends the
 * order under the exit's deterministic client_order_id, so a crash or a broker timeout at any
 * point ends in exactly one exit order (the next cycle resumes what was recorded).
 */
export class PositionCloser {
  constructor(private readonly deps: PositionCloserDeps) {}

  /** Returns false when another worker is already closing it. */
  async close(strategy: WatchedStrategy, broker: Broker, position: BrokerPosition, fired: FiredExit, waterMark: number): Promise<boolean> {
    const long = position.qty > 0;
    const qty = Math.abs(position.qty);
    const intent: OrderIntent = { symbol: strategy.symbol, side: long ? 'sell' : 'buy', type: 'market', timeInForce: timeInForceFor(strategy.symbol), qty };
    const exit = await this.deps.source.recordExit({
      strategy,
      symbol: strategy.symbol,
      trigger: fired.trigger,
      triggerPrice: fired.price,
      entryPrice: position.avgEntryPrice,
      intent,
      details: { threshold_price: fired.thresholdPrice, position_side: long ? 'long' : 'short', position_qty: qty, water_mark: waterMark, reason: fired.reason },
    });
    if (!exit) return false;
    this.log(exit).warn(`${HEADLINES[fired.trigger]} triggered for ${strategy.name}: ${fired.reason}; closing ${qty} ${strategy.symbol}`);
    await this.send(exit, broker);
    return true;
  }

  /** Sends a recorded exit whose order never reached the broker, unless the position has closed meanwhile. */
  async resume(exit: RecordedExit, broker: Broker): Promise<void> {
    const sent = await broker.findOrderByClientOrderId(exit.order.clientOrderId);
    if (!sent && !(await broker.getPosition(exit.symbol))) {
      await this.deps.source.abandonExit(exit, 'the position was closed before the exit order was sent');
      this.log(exit).info(`Exit ${exit.order.clientOrderId} not sent: the ${exit.symbol} position closed meanwhile`);
      return;
    }
    this.log(exit).info(`Resuming exit ${exit.order.clientOrderId} of ${exit.strategyName}`);
    await this.send(exit, broker);
  }

  private async send(exit: RecordedExit, broker: Broker): Promise<void> {
    const log = this.log(exit);
    const grid = isGridStrategyType(exit.strategyType);
    if (grid) {
      // Stopped before anything is sold: a grid left running would answer the exit by rebuying.
      await this.deps.source.deactivate(exit.strategyId);
      const cancelled = await cancelGridOrdersAtBroker(broker, exit.strategyId, this.deps.applyUpdate);
      log.info(`🛑 Grid stopped for its exit: cancelled ${cancelled} open orders at the broker`);
    }
    let order: OrderSummary;
    try {
      order = await this.deps.placeOrder(broker, {
        userId: exit.userId,
        strategyId: exit.strategyId,
        // Exits are not strategy runs: recordExit already wrote the row (run_number null), so this is never used.
        runNumber: 0,
        clientOrderId: exit.order.clientOrderId,
        intent: exit.order.intent,
      });
    } catch (err) {
      // A refusal is final for this position (placeOrderOnce marked the order rejected); anything
      // else leaves the order pending, and the next cycle sends it again under the same id.
      if (!(err instanceof OrderRejectedError || err instanceof InsufficientBuyingPowerError)) throw err;
      log.error(`❌ Exit order ${exit.order.clientOrderId} for ${exit.strategyName} refused by the broker: ${err.message}`);
      return;
    }
    const { intent } = exit.order;
    log.info({ broker_order_id: order.broker_order_id, client_order_id: order.client_order_id }, `✅ Exit order placed: ${intent.side} ${intent.qty} ${intent.symbol} (${exit.trigger}), ${order.status}`);
    await this.tellWorkflow(exit, order, grid);
  }

  private async tellWorkflow(exit: RecordedExit, order: OrderSummary, grid: boolean): Promise<void> {
    const event: PositionExitEvent = {
      strategyId: exit.strategyId,
      exitEventId: exit.eventId,
      trigger: exit.trigger,
      symbol: exit.symbol,
      positionSide: exit.details.position_side,
      qty: exit.details.position_qty,
      entryPrice: exit.entryPrice,
      triggerPrice: exit.triggerPrice,
      thresholdPrice: exit.details.threshold_price,
      clientOrderId: exit.order.clientOrderId,
      brokerOrderId: order.broker_order_id,
      exitedAt: this.deps.now().toISOString(),
    };
    // The exit is done and recorded either way; the workflow only keeps it in its status.
    try {
      await this.deps.signaller.signal(event);
    } catch (err) {
      this.log(exit).warn({ err }, `⚠️ Cannot signal positionExited: ${(err as Error).message}`);
    }
    if (!grid) return;
    try {
      await this.deps.stopWorkflow(exit.strategyId);
    } catch (err) {
      // The strategy is inactive already: the reconciler cancels its workflow within a minute.
      this.log(exit).warn({ err }, `⚠️ Cannot cancel the grid's workflow: ${(err as Error).message}`);
    }
  }

  private log(exit: RecordedExit): Logger {
    return this.deps.logger.child({ strategy_id: exit.strategyId, user_id: exit.userId, exit_event_id: exit.eventId, trigger: exit.trigger });
  }
}
