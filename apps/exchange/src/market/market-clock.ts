// US equity regular hours, 9:30-16:00 America/New_York, Monday to Friday. There is no holiday
// calendar: exchange holidays are treated as trading days. Daylight saving is handled through
// Intl, so no offsets are hard-coded.
const ZONE = 'America/New_York';
const OPEN_MINUTE = 9 * 60 + 30;
const CLOSE_MINUTE = 16 * 60;

const formatter = new Intl.DateTimeFormat('en-US', {
  timeZone: ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function zonedParts(timeMs: number): ZonedParts {
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(new Date(timeMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return parts as unknown as ZonedParts;
}

/** New York's offset from UTC at `timeMs`, in minutes (-240 in summer, -300 in winter). */
export function newYorkOffsetMinutes(timeMs: number): number {
  const p = zonedParts(Math.floor(timeMs / 1000) * 1000);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(timeMs / 1000) * 1000) / 60_000);
}

/** The instant of a New York wall-clock time (day may overflow: Date.UTC normalises it). */
function newYorkTime(year: number, month: number, day: number, minuteOfDay: number): number {
  const guess = Date.UTC(year, month - 1, day, 0, minuteOfDay);
  const first = guess - newYorkOffsetMinutes(guess) * 60_000;
  return guess - newYorkOffsetMinutes(first) * 60_000;
}

export interface SessionTimes {
  isOpen: boolean;
  nextOpen: number;
  nextClose: number;
}

/** Where `nowMs` sits in the regular US equity session schedule. */
export function usEquitySession(nowMs: number): SessionTimes {
  const today = zonedParts(nowMs);
  for (let dayOffset = 0; dayOffset < 8; dayOffset++) {
    const calendar = new Date(Date.UTC(today.year, today.month - 1, today.day + dayOffset));
    const weekday = calendar.getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const y = calendar.getUTCFullYear();
    const m = calendar.getUTCMonth() + 1;
    const d = calendar.getUTCDate();
    const open = newYorkTime(y, m, d, OPEN_MINUTE);
    const close = newYorkTime(y, m, d, CLOSE_MINUTE);
    if (nowMs >= close) continue;
    if (nowMs >= open) {
      return { isOpen: true, nextOpen: nextSessionOpen(nowMs, close), nextClose: close };
    }
    return { isOpen: false, nextOpen: open, nextClose: close };
  }
  throw new Error('no trading session within a week');
}

function nextSessionOpen(nowMs: number, todayClose: number): number {
  return usEquitySession(Math.max(nowMs, todayClose)).nextOpen;
}

/** Midnight (00:00 New York) of the calendar day holding `timeMs`. */
export function newYorkMidnight(timeMs: number): number {
  const p = zonedParts(timeMs);
  return newYorkTime(p.year, p.month, p.day, 0);
}

/** RFC 3339 with New York's offset, as Alpaca's clock reports: 2024-01-03T09:30:00-05:00. */
export function formatNewYork(timeMs: number): string {
  const p = zonedParts(timeMs);
  const offset = newYorkOffsetMinutes(timeMs);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}
