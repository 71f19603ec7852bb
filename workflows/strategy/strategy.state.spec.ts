import { nextRunAt } from './strategy.state';

const INTERVAL_S = 60;
const T = Date.UTC(2026, 10, 25, 15, 0, 0);

describe('nextRunAt', () => {
  it.each([
    ['first run: one interval from now', undefined, T, T + 60_000],
    ['on schedule: one interval after the last run', T - 20_000, T, T + 40_000],
    ['due exactly now', T - 60_000, T, T],
    // Paused (ENABLE_TRADING_SCHEDULER=false, worker down) for ten intervals: due now, once.
    ['ten intervals missed: now, not ten catch-up runs', T - 600_000, T, T],
  ])('%s', (_label, lastRunAt, now, expected) => {
    expect(nextRunAt({ runCount: 3, lastRunAt }, INTERVAL_S, now)).toBe(expected);
  });

  it('after the one catch-up run, the next is a whole interval later', () => {
    const resumedRunAt = nextRunAt({ runCount: 3, lastRunAt: T - 600_000 }, INTERVAL_S, T);
    expect(nextRunAt({ runCount: 4, lastRunAt: resumedRunAt }, INTERVAL_S, resumedRunAt + 5)).toBe(T + 60_000);
  });
});
