import type { OrderFillEvent } from '../contracts';

/** Tells the owning grid workflow that one of its orders filled (the `orderFilled` signal). */
export interface FillSignaller {
  /** Resolves without error when the strategy has no running workflow: nothing is waiting for the fill. */
  signal(event: OrderFillEvent): Promise<void>;
}
