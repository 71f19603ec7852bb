import { barsLookbackStart, timeframeMs } from './bars-lookback';

const NOW = new Date('2024-07-09T15:00:00Z'); // a Tuesday
const days = (start: Date) => (NOW.getTime() - start.getTime()) / 86_400_000;

describe('timeframeMs', () => {
  it.each([
    ['1Min', 60_000],
    ['15T', 900_000],
    ['1Hour', 3_600_000],
    ['2H', 7_200_000],
    ['1Day', 86_400_000],
    ['1Week', 604_800_000],
    ['1Month', 31 * 86_400_000],
  ])('%s is %d ms', (timeframe, ms) => {
    expect(timeframeMs(timeframe)).toBe(ms);
  });

  it.each(['', 'Min', '0Min', '5Years'])('rejects %j', (timeframe) => {
    expect(() => timeframeMs(timeframe)).toThrow('unsupported timeframe');
  });
});

describe('barsLookbackStart', () => {
  it.each([
    // [timeframe, limit, crypto, at least (days), at most (days)]
    ['1Min', 100, false, 5.3, 6], // 100 trading minutes can sit behind a long weekend
    ['5Min', 50, false, 5.9, 6],
    ['1Hour', 60, false, 18, 18.2], // 60 trading hours ~ 9 sessions ~ 13 calendar days + margin
    ['1Day', 20, false, 39, 40], // 20 sessions ~ 28 calendar days + 10
    ['1Day', 200, false, 291, 292],
    ['1Min', 100, true, 0.07, 0.08], // crypto trades around the clock
    ['1Day', 30, true, 34, 35],
  ])('%s x %d (crypto %p) looks back %d..%d days', (timeframe, limit, crypto, min, max) => {
    const span = days(barsLookbackStart(timeframe, limit, NOW, crypto));
    expect(span).toBeGreaterThanOrEqual(min);
    expect(span).toBeLessThanOrEqual(max);
  });
});
