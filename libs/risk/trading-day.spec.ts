import { startOfTradingDay } from './trading-day';

describe('startOfTradingDay', () => {
  it.each([
    ['winter (EST, UTC-5)', '2026-01-15T15:00:00Z', '2026-01-15T05:00:00.000Z'],
    ['summer (EDT, UTC-4)', '2026-07-15T15:00:00Z', '2026-07-15T04:00:00.000Z'],
    ['after midnight UTC, still the day before in New York', '2026-07-16T02:30:00Z', '2026-07-15T04:00:00.000Z'],
    ['just after midnight in New York', '2026-07-15T04:00:01Z', '2026-07-15T04:00:00.000Z'],
    ['the day clocks go forward (midnight was still EST)', '2026-03-08T18:00:00Z', '2026-03-08T05:00:00.000Z'],
    ['the day clocks go back (midnight was still EDT)', '2026-11-01T18:00:00Z', '2026-11-01T04:00:00.000Z'],
  ])('%s: %s starts at %s', (_label, now, expected) => {
    expect(startOfTradingDay(new Date(now)).toISOString()).toBe(expected);
  });
});
