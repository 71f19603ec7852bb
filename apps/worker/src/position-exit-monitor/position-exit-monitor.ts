import type { Logger } from 'pino';
import type { Broker, BrokerCredentials, BrokerPosition } from '../../../../libs/broker/broker.port';
import { evaluateExit, type PositionSide } from '../../../../libs/exits';
import { isTerminalOrderStatus } from '../../../../libs/order-fills/order-status-progress';
import { PollLoop } from '../order-fill-monitor/poll-loop';
import { RepeatedWarnings } from '../order-fill-monitor/repeated-warnings';
import { AccountPriceStreams } from './account-price-streams';
import type { PersistedWaterMark, RecordedExit, WatchedStrategy } from './exit-monitor-source';
import { MarketSnapshot } from './market-snapshot';
import { PositionCloser, type PositionCloserDeps } from './position-closer';
import type { OpenPriceStream } from './sdk-price-stream';

export interface PositionExitMonitorDeps extends PositionCloserDeps {
  loadCredentials(userId: string): Promise<BrokerCredentials>;
  brokerFor(credentials: BrokerCredentials): Broker;
  /** How often prices are checked (POSITION_EXIT_POLL_SECONDS), ms. */
  pollIntervalMs: number;
  /** Market-data streams whose trades wake a check at once; undefined: the poll only. */
  openPriceStream?: OpenPriceStream;
}

/** A watched position as the last check found it: what a streamed trade is measured against. */
interface OpenPosition {
  strategy: WatchedStrategy;
  side: PositionSide;
  entryPrice: number;
  afterExit: number;
}

// Positions are decimals with up to 9 places; prices are compared with the database's rounding.
const QTY_EPSILON = 1e-9;
const PRICE_EPSILON = 1e-6;

/**
 * Watches the account position in the symbol of every active strategy with exit rules and closes
 * it when take profit, stop loss or the trailing stop fires. Each cycle reads the latest trade
 * (every POSITION_EXIT_POLL_SECONDS), moves the trailing stop's water mark (kept in the
 * strategy's state, so a restart keeps it) and hands a fired rule to the PositionCloser. An exit
 * whose order is in flight, or that already closed this very position, is never made again.
 * Between cycles, each account's market-data stream moves the water marks and wakes a cycle at
 * once when a trade crosses a rule; the poll is its fallback (and the only feed for OAuth accounts).
 */
export class PositionExitMonitor {
  private readonly logger: Logger;
  private readonly loop: PollLoop;
  private readonly warnings: RepeatedWarnings;
  private readonly closer: PositionCloser;
  // The water marks as this process saw them: a strategy run that wrote back an older state
  // (it read the strategy before the mark moved) is corrected on the next cycle.
  private readonly seen = new Map<string, PersistedWaterMark>();
  private readonly open = new Map<string, OpenPosition>();
  private readonly streams?: AccountPriceStreams;

  constructor(private readonly deps: PositionExitMonitorDeps) {
    this.logger = deps.logger;
    this.warnings = new RepeatedWarnings(deps.logger);
    this.closer = new PositionCloser(deps);
    if (deps.openPriceStream) {
      this.streams = new AccountPriceStreams({
        open: deps.openPriceStream,
        onTrade: (userId, symbol, price) => this.onTrade(userId, symbol, price),
        logger: deps.logger,
        warnings: this.warnings,
      });
    }
    this.loop = new PollLoop(() => this.checkOnce(), deps.pollIntervalMs, (err) =>
      this.logger.error({ err }, `❌ Position exit check failed: ${(err as Error).message}`),
    );
  }

  /** Starts checking; the first cycle runs in the background. */
  start(): void {
    void this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
    await this.streams?.closeAll();
  }

  /** The account's price stream: 'connected' once subscribed; undefined when none is held. */
  priceStream(userId: string): { state?: string; symbols: string[] } {
    return { state: this.streams?.state(userId), symbols: this.streams?.subscribed(userId) ?? [] };
  }

  /** One cycle: send exits left unsent, then check every watched position. */
  async checkOnce(): Promise<void> {
    const [unsent, watched] = await Promise.all([this.deps.source.listUnsentExits(), this.deps.source.listWatchedStrategies()]);
    this.logger.debug({ strategies: watched.length, unsent: unsent.length }, '🔍 Checking positions for exits...');
    const users = new Set([...unsent.map((e) => e.userId), ...watched.map((s) => s.userId)]);
    for (const id of this.seen.keys()) if (!watched.some((s) => s.id === id)) this.seen.delete(id);
    for (const id of this.open.keys()) if (!watched.some((s) => s.id === id)) this.open.delete(id);
    // Users side by side, and one user's broker failing never holds up the others.
    await Promise.all(
      [...users].map((userId) =>
        this.checkUser(
          userId,
          unsent.filter((e) => e.userId === userId),
          watched.filter((s) => s.userId === userId),
        ),
      ),
    );
    await this.streams?.retain(new Set(watched.map((s) => s.userId)));
  }

  /** A streamed trade: moves the water marks of the symbol's positions and wakes a check when a rule fires. */
  private onTrade(userId: string, symbol: string, price: number): void {
    let fired = false;
    for (const position of this.open.values()) {
      const { strategy, side, entryPrice, afterExit } = position;
      if (strategy.userId !== userId || strategy.symbol !== symbol) continue;
      const { decision, waterMark } = evaluateExit({ side, entryPrice, price, waterMark: this.waterMarkOf(strategy, side, afterExit), rules: strategy.rules });
      this.seen.set(strategy.id, { side, water_mark: waterMark, after_exit: afterExit });
      if (decision.trigger !== 'none') fired = true;
    }
    if (!fired) return;
    this.logger.debug({ user_id: userId, symbol, price }, 'A streamed trade crossed an exit rule; checking now');
    this.loop.runSoon();
  }

  private async checkUser(userId: string, unsent: RecordedExit[], watched: WatchedStrategy[]): Promise<void> {
    let broker: Broker;
    try {
      const credentials = await this.deps.loadCredentials(userId);
      broker = this.deps.brokerFor(credentials);
      this.warnings.clear(`user:${userId}`);
      await this.streams?.follow(userId, credentials, [...new Set(watched.map((s) => s.symbol))]);
    } catch (err) {
      this.warnings.warn(`user:${userId}`, { user_id: userId }, `⚠️ Cannot watch positions: ${(err as Error).message}`);
      return;
    }
    const market = new MarketSnapshot(broker);
    for (const exit of unsent) {
      await this.guard(`resume:${exit.eventId}`, { strategy_id: exit.strategyId, user_id: userId }, 'Cannot send the exit order', async () => {
        await this.closer.resume(exit, broker);
        market.forgetPosition(exit.symbol);
      });
    }
    // The account holds one position per symbol, whichever strategies share it: closed once per cycle.
    const closedSymbols = new Set<string>();
    for (const strategy of watched) {
      if (closedSymbols.has(strategy.symbol)) continue;
      await this.guard(`watch:${strategy.id}`, { strategy_id: strategy.id, user_id: userId }, 'Cannot check the position for exits', async () => {
        if (await this.watch(strategy, broker, market)) {
          closedSymbols.add(strategy.symbol);
          market.forgetPosition(strategy.symbol);
        }
      });
    }
  }

  /** Returns true when it closed the position. */
  private async watch(strategy: WatchedStrategy, broker: Broker, market: MarketSnapshot): Promise<boolean> {
    this.open.delete(strategy.id);
    const position = await market.position(strategy.symbol);
    if (!position || position.qty === 0) {
      await this.forgetWaterMark(strategy);
      return false;
    }
    const latest = await this.deps.source.latestExit(strategy.id);
    if (latest && (await this.alreadyExiting(strategy, latest, position, broker))) return false;

    const side: PositionSide = position.qty > 0 ? 'long' : 'short';
    const afterExit = latest?.details.seq ?? 0;
    this.open.set(strategy.id, { strategy, side, entryPrice: position.avgEntryPrice, afterExit });
    const price = await market.price(strategy.symbol);
    const { decision, waterMark } = evaluateExit({
      side,
      entryPrice: position.avgEntryPrice,
      price,
      waterMark: this.waterMarkOf(strategy, side, afterExit),
      rules: strategy.rules,
    });
    if (decision.trigger === 'none') {
      await this.rememberWaterMark(strategy, { side, water_mark: waterMark, after_exit: afterExit });
      return false;
    }
    this.open.delete(strategy.id);
    // Another strategy sharing the position is closing it already (its order rests, e.g. until the open).
    const other = await this.deps.source.exitInFlight(strategy.userId, strategy.symbol);
    if (other) {
      this.logger.debug({ strategy_id: strategy.id, exit_event_id: other.eventId }, `${strategy.symbol} is being closed by ${other.strategyName}'s exit`);
      return false;
    }
    const closed = await this.closer.close(strategy, broker, position, decision, waterMark);
    // The mark belonged to the position just closed; the next one starts afresh.
    await this.forgetWaterMark(strategy);
    return closed;
  }

  /**
   * Whether the strategy's latest exit is still under way (its order not final yet) or already
   * closed this same position (unchanged quantity and entry price: the broker has not caught up,
   * or the exit order was refused and retrying it would only be refused again).
   */
  private async alreadyExiting(strategy: WatchedStrategy, latest: RecordedExit, position: BrokerPosition, broker: Broker): Promise<boolean> {
    if (!isTerminalOrderStatus(latest.order.status)) {
      // Brought up to date here too, so an exit completes even with the order-fill monitor off.
      if (latest.order.brokerOrderId) await this.deps.applyUpdate(await broker.getOrder(latest.order.brokerOrderId));
      return true;
    }
    const samePosition =
      Math.abs(Math.abs(position.qty) - latest.details.position_qty) < QTY_EPSILON && Math.abs(position.avgEntryPrice - latest.entryPrice) < PRICE_EPSILON;
    if (!samePosition) return false;
    if (latest.order.status !== 'filled') {
      this.warnings.warn(
        `left-open:${strategy.id}`,
        { strategy_id: strategy.id, user_id: strategy.userId },
        `⚠️ Exit order ${latest.order.clientOrderId} of ${strategy.name} ended ${latest.order.status}: the ${strategy.symbol} position stays open until it changes`,
      );
    }
    return true;
  }

  /** The water mark so far of the position opened after exit `afterExit`: this process's or the persisted one, whichever went further. */
  private waterMarkOf(strategy: WatchedStrategy, side: PositionSide, afterExit: number): number | undefined {
    const marks = [this.seen.get(strategy.id), strategy.waterMark]
      .filter((mark): mark is PersistedWaterMark => mark !== undefined && mark.side === side && mark.after_exit === afterExit)
      .map((mark) => mark.water_mark);
    if (marks.length === 0) return undefined;
    return side === 'long' ? Math.max(...marks) : Math.min(...marks);
  }

  private async rememberWaterMark(strategy: WatchedStrategy, mark: PersistedWaterMark): Promise<void> {
    this.seen.set(strategy.id, mark);
    // Only the trailing stop needs it after a restart.
    if (strategy.rules.trailingStopPct === undefined) return;
    const stored = strategy.waterMark;
    if (stored && stored.side === mark.side && stored.after_exit === mark.after_exit && stored.water_mark === mark.water_mark) return;
    await this.deps.source.saveWaterMark(strategy.id, mark);
  }

  private async forgetWaterMark(strategy: WatchedStrategy): Promise<void> {
    this.seen.delete(strategy.id);
    if (strategy.waterMark) await this.deps.source.saveWaterMark(strategy.id, null);
  }

  private async guard(subject: string, fields: Record<string, unknown>, what: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
      this.warnings.clear(subject);
    } catch (err) {
      this.warnings.warn(subject, { ...fields, err }, `⚠️ ${what}: ${(err as Error).message}`);
    }
  }
}
