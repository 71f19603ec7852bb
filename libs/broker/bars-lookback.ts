const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const UNIT_MS: Record<string, number> = {
  min: MINUTE_MS,
  t: MINUTE_MS,
  hour: 60 * MINUTE_MS,
  h: 60 * MINUTE_MS,
  day: DAY_MS,
  d: DAY_MS,
  week: 7 * DAY_MS,
  w: 7 * DAY_MS,
  month: 31 * DAY_MS,
  m: 31 * DAY_MS,
};

/** Length of one bar of an Alpaca timeframe ("5Min", "1Hour", "1Day", ...), in ms. */
export function timeframeMs(timeframe: string): number {
  const match = /^(\d+)\s*([a-zA-Z]+)$/.exec(timeframe.trim());
  const unit = match && UNIT_MS[match[2].toLowerCase()];
  if (!match || !unit || Number(match[1]) < 1) throw new Error(`unsupported timeframe "${timeframe}"`);
  return Number(match[1]) * unit;
}

/**
 * How far back to ask for bars so that the newest `limit` of them are inside the window.
 * Alpaca's bars endpoint starts at the beginning of today unless given `start`, so "the last N
 * bars" is a window wide enough plus `sort=desc&limit=N`. Equities trade ~6.5 h on 5 days of 7;
 * the margins cover weekends and holidays. Crypto trades around the clock.
 */
export function barsLookbackStart(timeframe: string, limit: number, now: Date, crypto: boolean): Date {
  const barMs = timeframeMs(timeframe);
  let spanMs: number;
  if (crypto) {
    spanMs = (limit + 1) * barMs * 1.1;
  } else if (barMs < DAY_MS) {
    // Trading minutes per calendar minute: 6.5/24 on 5/7 of days; +5 days for a long weekend.
    spanMs = (limit + 1) * barMs * (24 / 6.5) * (7 / 5) + 5 * DAY_MS;
  } else {
    spanMs = (limit + 1) * barMs * (7 / 5) + 10 * DAY_MS;
  }
  return new Date(now.getTime() - Math.ceil(spanMs));
}
