import type { OrderSide } from './execution';

/**
 * A fill of a bot order as the fill handler recorded it, sent to the owning grid workflow as the
 * `orderFilled` signal. `filledQty` is the order's cumulative filled quantity, so the pair
 * (brokerOrderId, filledQty) names one fill: a duplicate or an older (out-of-order) event for the
 * same order carries a filledQty the workflow has already seen and is dropped.
 */
export interface OrderFillEvent {
  strategyId: string;
  brokerOrderId: string;
  clientOrderId: string;
  side: OrderSide;
  /** Cumulative units filled so far. */
  filledQty: number;
  /** Average price of everything filled so far, USD. */
  filledAvgPrice: number;
  /** True once the order can fill no further (filled, or canceled/expired after a partial fill). */
  final: boolean;
}
