import type { StrategyType } from '../../../../libs/contracts';
import type { BotOrder } from '../../../../libs/database/entities';

/** A broker account the monitor streams: its user has stored credentials and an active strategy. */
export interface StreamedAccount {
  userId: string;
  /** Changes when the user connects another account or new credentials: the stream is reopened. */
  connectionVersion: string;
}

export interface OrderToCheck {
  row: BotOrder;
  strategyType: StrategyType;
}

/** The monitor's view of the database. */
export interface FillMonitorSource {
  listStreamedAccounts(): Promise<StreamedAccount[]>;
  /**
   * Orders whose fate the broker may have changed: open ones with a broker id, open ones still
   * without one that were recorded before `unacknowledgedBefore` (their placement may have
   * crashed after the broker took them), and grid orders of active strategies with an
   * uncountered fill (to signal again).
   */
  listOrdersToCheck(unacknowledgedBefore: Date): Promise<OrderToCheck[]>;
}
