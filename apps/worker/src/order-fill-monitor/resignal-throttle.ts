import type { OrderFillEvent } from '../../../../libs/contracts';

/** How long a grid workflow gets to counter a signalled fill before the poll signals it again. */
export const RESIGNAL_AFTER_MS = 60_000;

/**
 * The poll sees an uncountered grid fill every cycle until the workflow's activity counters it;
 * signalling it each time would flood the workflow's history. A fill is signalled when first
 * seen, then again only after RESIGNAL_AFTER_MS without being countered. In memory on purpose: a
 * restarted worker signals once more, which is exactly what heals a crash before the signal.
 */
export class ResignalThrottle {
  private readonly lastSent = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** `newFill`: this sighting recorded the fill just now, so it is sent whatever came before. */
  shouldSend(event: OrderFillEvent, newFill = false): boolean {
    const key = keyOf(event);
    const now = this.now();
    const last = this.lastSent.get(key);
    if (!newFill && last !== undefined && now - last < RESIGNAL_AFTER_MS) return false;
    this.lastSent.set(key, now);
    this.forgetOlderThan(now - RESIGNAL_AFTER_MS);
    return true;
  }

  /** The signal could not be sent: the next sighting sends it. */
  forget(event: OrderFillEvent): void {
    this.lastSent.delete(keyOf(event));
  }

  private forgetOlderThan(cutoff: number): void {
    for (const [key, at] of this.lastSent) if (at < cutoff) this.lastSent.delete(key);
  }
}

function keyOf(event: OrderFillEvent): string {
  return `${event.brokerOrderId}:${event.filledQty}`;
}
