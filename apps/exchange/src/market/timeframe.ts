const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
// 1970-01-05 was a Monday: weekly bars start on Mondays.
const WEEK_OFFSET_MS = 4 * DAY_MS;

export interface Timeframe {
  /** Canonical spelling, e.g. "5Min", "1Hour", "1Day". */
  label: string;
  ms: number;
  /** Bucket alignment offset from the epoch. */
  offsetMs: number;
}

const UNITS: Record<string, { unit: string; ms: number; max: number; offsetMs: number }> = {
  min: { unit: 'Min', ms: MINUTE_MS, max: 59, offsetMs: 0 },
  t: { unit: 'Min', ms: MINUTE_MS, max: 59, offsetMs: 0 },
  hour: { unit: 'Hour', ms: HOUR_MS, max: 23, offsetMs: 0 },
  h: { unit: 'Hour', ms: HOUR_MS, max: 23, offsetMs: 0 },
  day: { unit: 'Day', ms: DAY_MS, max: 1, offsetMs: 0 },
  d: { unit: 'Day', ms: DAY_MS, max: 1, offsetMs: 0 },
  week: { unit: 'Week', ms: 7 * DAY_MS, max: 1, offsetMs: WEEK_OFFSET_MS },
  w: { unit: 'Week', ms: 7 * DAY_MS, max: 1, offsetMs: WEEK_OFFSET_MS },
};

/**
 * Parses Alpaca's timeframe spellings ([1-59]Min|T, [1-23]Hour|H, 1Day|D, 1Week|W). Months are
 * not supported by the paper exchange. Returns undefined when the value is not valid.
 */
export function parseTimeframe(value: string): Timeframe | undefined {
  const match = /^(\d+)([a-zA-Z]+)$/.exec(value.trim());
  if (!match) return undefined;
  const amount = Number(match[1]);
  const spec = UNITS[match[2].toLowerCase()];
  if (!spec || amount < 1 || amount > spec.max) return undefined;
  return { label: `${amount}${spec.unit}`, ms: amount * spec.ms, offsetMs: spec.offsetMs };
}

/** Start (epoch ms) of the bucket holding `timeMs`. */
export function bucketStart(timeframe: Timeframe, timeMs: number): number {
  const shifted = timeMs - timeframe.offsetMs;
  return Math.floor(shifted / timeframe.ms) * timeframe.ms + timeframe.offsetMs;
}
