import { DECIMAL_SCALE } from '../database/schema/portable-column-types';

/** What the database can hold: quantities and prices keep DECIMAL_SCALE fractional digits. */
export function roundDecimal(value: number): number {
  return Number(value.toFixed(DECIMAL_SCALE));
}

export interface FillProgress {
  /** Cumulative units filled before this update, as recorded. */
  previousQty: number;
  /** Average price of those units, USD; null while nothing was filled. */
  previousAvgPrice: number | null;
  /** Cumulative units filled now, as the broker reports them (already rounded). */
  filledQty: number;
  /** Average price of everything filled now, USD. */
  filledAvgPrice: number | null;
  /** The reporting event's own execution, when it carried one (stream fill / partial_fill). */
  executionQty?: number;
  executionPrice?: number;
  /** Last resort when the broker gave no price at all (a limit order fills at or better than it). */
  limitPrice: number | null;
}

export interface FillDelta {
  qty: number;
  /** USD per unit. */
  price: number;
  /** USD, qty * price. */
  notional: number;
}

/**
 * The newly filled part of an order as one trade. When the event's own execution is exactly the
 * new part its price is the truth; otherwise (the poll, or events skipped in between) the price
 * of the new part follows from the two cumulative averages.
 */
export function fillDelta(progress: FillProgress): FillDelta | undefined {
  const qty = roundDecimal(progress.filledQty - progress.previousQty);
  if (qty <= 0) return undefined;
  const price = roundDecimal(deltaPrice(progress, qty));
  return { qty, price, notional: roundDecimal(qty * price) };
}

function deltaPrice(progress: FillProgress, qty: number): number {
  const { executionQty, executionPrice } = progress;
  if (executionPrice !== undefined && executionQty !== undefined && roundDecimal(executionQty) === qty) return executionPrice;
  if (progress.filledAvgPrice !== null) {
    const before = progress.previousQty * (progress.previousAvgPrice ?? progress.filledAvgPrice);
    const derived = (progress.filledQty * progress.filledAvgPrice - before) / qty;
    if (Number.isFinite(derived) && derived > 0) return derived;
    return progress.filledAvgPrice;
  }
  const fallback = executionPrice ?? progress.limitPrice;
  if (fallback === undefined || fallback === null) throw new Error('the broker reported a fill without any price');
  return fallback;
}
