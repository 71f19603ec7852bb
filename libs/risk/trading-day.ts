// US equity trading days run on New York time; crypto has no days, and shares the same boundary
// so that "today's loss" means one thing for every strategy of a user.
const TRADING_TIME_ZONE = 'America/New_York';

const wallClock = new Intl.DateTimeFormat('en-US', {
  timeZone: TRADING_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** Milliseconds New York's wall clock is ahead of UTC at `instant` (negative: behind). */
function offsetAt(instant: number): number {
  const parts = Object.fromEntries(wallClock.formatToParts(new Date(instant)).map((p) => [p.type, Number(p.value)]));
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** Midnight in New York of the day `now` falls on, as an instant. */
export function startOfTradingDay(now: Date): Date {
  const ms = now.getTime();
  const local = new Date(ms + offsetAt(ms));
  const midnightWall = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  // The offset at midnight differs from now's on the days the clocks change (at 2 am).
  return new Date(midnightWall - offsetAt(midnightWall - offsetAt(ms)));
}
