/**
 * The position-exit monitor closed (sent the order closing) a strategy's position, sent to the
 * strategy's workflow as the `positionExited` signal. Prices are USD per unit.
 */
export interface PositionExitEvent {
  strategyId: string;
  /** exit_events.id */
  exitEventId: string;
  trigger: 'take_profit' | 'stop_loss' | 'trailing_stop';
  symbol: string;
  /** The position that was closed: long (sold) or short (bought back). */
  positionSide: 'long' | 'short';
  /** Units the exit order closes. */
  qty: number;
  entryPrice: number;
  /** The price that fired the rule. */
  triggerPrice: number;
  /** The rule's level that price reached. */
  thresholdPrice: number;
  clientOrderId: string;
  brokerOrderId: string | null;
  /** ISO-8601 time the exit order was sent. */
  exitedAt: string;
}
