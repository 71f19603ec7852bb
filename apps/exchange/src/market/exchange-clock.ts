import type { AssetClass } from './asset-catalog';
import { formatNewYork, usEquitySession } from './market-clock';

export type MarketHoursMode = 'us_equity' | 'always_open';

export interface ClockSnapshot {
  timestamp: string;
  is_open: boolean;
  next_open: string;
  next_close: string;
}

/**
 * Whether each asset class trades right now. Crypto trades 24/7; equities follow the regular
 * session unless the exchange was started `always_open` or a test forced the state through
 * POST /admin/clock (an in-memory override, not persisted).
 */
export class ExchangeClock {
  private override: boolean | null = null;

  constructor(
    private readonly mode: MarketHoursMode,
    private readonly now: () => number = Date.now,
  ) {}

  setOverride(isOpen: boolean | null): void {
    this.override = isOpen;
  }

  equityOpen(): boolean {
    if (this.override !== null) return this.override;
    return this.mode === 'always_open' || usEquitySession(this.now()).isOpen;
  }

  isOpen(assetClass: AssetClass): boolean {
    return assetClass === 'crypto' || this.equityOpen();
  }

  /** Day orders expire at the session close only while the real schedule is in force. */
  followsSchedule(): boolean {
    return this.override === null && this.mode === 'us_equity';
  }

  /** When a day order placed now expires: the close of the current or next session. */
  dayOrderExpiry(): number | null {
    return this.followsSchedule() ? usEquitySession(this.now()).nextClose : null;
  }

  snapshot(): ClockSnapshot {
    const nowMs = this.now();
    const session = usEquitySession(nowMs);
    return {
      timestamp: formatNewYork(nowMs),
      is_open: this.equityOpen(),
      next_open: formatNewYork(session.nextOpen),
      next_close: formatNewYork(session.nextClose),
    };
  }
}
