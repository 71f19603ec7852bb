import type { OrderIntent, StrategyType } from '../../../../libs/contracts';
import type { BotOrderStatus } from '../../../../libs/database/entities';
import type { ExitRules, ExitTrigger, PositionSide } from '../../../../libs/exits';

/**
 * The trailing stop's memory, kept in trading_strategies.state.exit so it survives restarts. It
 * belongs to the position opened after the strategy's exit number `after_exit` (0: before any).
 */
export interface PersistedWaterMark {
  side: PositionSide;
  /** USD: highest price seen (long) or lowest (short). */
  water_mark: number;
  after_exit: number;
}

/** An active strategy whose configuration sets exit rules. */
export interface WatchedStrategy {
  id: string;
  userId: string;
  name: string;
  type: StrategyType;
  symbol: string;
  rules: ExitRules;
  waterMark?: PersistedWaterMark;
}

/** What exit_events.details holds beyond the columns. */
export interface ExitDetails {
  /** 1 for the strategy's first exit, then 2, ...: the client_order_id's suffix. */
  seq: number;
  client_order_id: string;
  threshold_price: number;
  position_side: PositionSide;
  /** The position as it was when the exit fired: the fingerprint that keeps it from being closed twice. */
  position_qty: number;
  water_mark: number;
  reason: string;
  /** Set when the order was never sent because it was no longer wanted. */
  abandoned?: string;
}

/** An exit_events row with its closing order. */
export interface RecordedExit {
  eventId: string;
  strategyId: string;
  userId: string;
  strategyName: string;
  strategyType: StrategyType;
  symbol: string;
  trigger: ExitTrigger;
  triggerPrice: number;
  entryPrice: number;
  details: ExitDetails;
  order: {
    id: string;
    clientOrderId: string;
    brokerOrderId: string | null;
    status: BotOrderStatus;
    intent: OrderIntent;
  };
  createdAt: Date;
}

export interface NewExit {
  strategy: Pick<WatchedStrategy, 'id' | 'userId'>;
  symbol: string;
  trigger: ExitTrigger;
  triggerPrice: number;
  entryPrice: number;
  intent: OrderIntent;
  details: Omit<ExitDetails, 'seq' | 'client_order_id'>;
}

/** The monitor's view of the database. */
export interface ExitMonitorSource {
  listWatchedStrategies(): Promise<WatchedStrategy[]>;
  /** Exits recorded whose order was never acknowledged by the broker (a crash or a broker outage while sending). */
  listUnsentExits(): Promise<RecordedExit[]>;
  latestExit(strategyId: string): Promise<RecordedExit | undefined>;
  /** An exit of any of the user's strategies on the symbol whose order is not final yet. */
  exitInFlight(userId: string, symbol: string): Promise<RecordedExit | undefined>;
  /** null forgets the water mark (the position closed). */
  saveWaterMark(strategyId: string, waterMark: PersistedWaterMark | null): Promise<void>;
  /**
   * Writes the exit_events row and its pending closing order in one transaction, numbering the
   * exit after the strategy's previous ones. undefined when that number was taken meanwhile (by
   * another worker): that one closes the position.
   */
  recordExit(exit: NewExit): Promise<RecordedExit | undefined>;
  /** The order never went out and is not wanted any more (the position closed by other means). */
  abandonExit(exit: RecordedExit, reason: string): Promise<void>;
  /** is_active = false, as the API's deactivation writes it. */
  deactivate(strategyId: string): Promise<void>;
}
