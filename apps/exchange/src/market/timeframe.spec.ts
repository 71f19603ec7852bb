import { bucketStart, parseTimeframe } from './timeframe';

describe('parseTimeframe', () => {
  it.each([
    ['1Min', '1Min', 60_000],
    ['5Min', '5Min', 300_000],
    ['15T', '15Min', 900_000],
    ['1Hour', '1Hour', 3_600_000],
    ['4H', '4Hour', 14_400_000],
    ['1Day', '1Day', 86_400_000],
    ['1D', '1Day', 86_400_000],
    ['1Week', '1Week', 604_800_000],
  ])('%s -> %s (%d ms)', (input, label, ms) => {
    expect(parseTimeframe(input)).toMatchObject({ label, ms });
  });

  it.each(['', 'Min', '0Min', '60Min', '24Hour', '2Day', '1Month', '1Year', 'abc'])('rejects %j', (input) => {
    expect(parseTimeframe(input)).toBeUndefined();
  });
});

describe('bucketStart', () => {
  it.each([
    ['5Min', '2024-01-03T15:07:31Z', '2024-01-03T15:05:00.000Z'],
    ['1Hour', '2024-01-03T15:07:31Z', '2024-01-03T15:00:00.000Z'],
    ['1Day', '2024-01-03T15:07:31Z', '2024-01-03T00:00:00.000Z'],
    ['1Week', '2024-01-03T15:07:31Z', '2024-01-01T00:00:00.000Z'], // weeks start on Monday
  ])('%s bucket of %s starts at %s', (label, time, start) => {
    expect(new Date(bucketStart(parseTimeframe(label)!, Date.parse(time))).toISOString()).toBe(start);
  });
});
