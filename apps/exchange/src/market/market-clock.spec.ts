import { formatNewYork, newYorkMidnight, usEquitySession } from './market-clock';

const at = (iso: string) => Date.parse(iso);

describe('usEquitySession', () => {
  it.each([
    // [now (UTC), open?, next open (UTC), next close (UTC)]
    ['2024-01-03T15:00:00Z', true, '2024-01-04T14:30:00Z', '2024-01-03T21:00:00Z'], // Wed 10:00 EST
    ['2024-01-03T14:29:59Z', false, '2024-01-03T14:30:00Z', '2024-01-03T21:00:00Z'], // Wed 09:29:59 EST
    ['2024-01-03T14:30:00Z', true, '2024-01-04T14:30:00Z', '2024-01-03T21:00:00Z'], // the open itself
    ['2024-01-03T21:00:00Z', false, '2024-01-04T14:30:00Z', '2024-01-04T21:00:00Z'], // the close itself
    ['2024-01-05T21:30:00Z', false, '2024-01-08T14:30:00Z', '2024-01-08T21:00:00Z'], // Fri after close -> Mon
    ['2024-07-06T15:00:00Z', false, '2024-07-08T13:30:00Z', '2024-07-08T20:00:00Z'], // Sat, summer time (EDT)
    ['2024-07-09T13:30:00Z', true, '2024-07-10T13:30:00Z', '2024-07-09T20:00:00Z'], // Tue open, EDT
    ['2024-03-08T21:00:00Z', false, '2024-03-11T13:30:00Z', '2024-03-11T20:00:00Z'], // across the DST switch
    ['2024-11-01T20:00:00Z', false, '2024-11-04T14:30:00Z', '2024-11-04T21:00:00Z'], // back to EST
  ])('at %s open=%s, next open %s, next close %s', (now, isOpen, nextOpen, nextClose) => {
    const session = usEquitySession(at(now));
    expect(session.isOpen).toBe(isOpen);
    expect(new Date(session.nextOpen).toISOString()).toBe(new Date(nextOpen).toISOString());
    expect(new Date(session.nextClose).toISOString()).toBe(new Date(nextClose).toISOString());
  });
});

describe('formatNewYork', () => {
  it.each([
    ['2024-01-03T14:30:00Z', '2024-01-03T09:30:00-05:00'],
    ['2024-07-08T13:30:00Z', '2024-07-08T09:30:00-04:00'],
    ['2024-07-08T03:59:59Z', '2024-07-07T23:59:59-04:00'],
  ])('%s is %s in New York', (utc, local) => {
    expect(formatNewYork(at(utc))).toBe(local);
  });
});

describe('newYorkMidnight', () => {
  it.each([
    ['2024-07-08T03:00:00Z', '2024-07-07T04:00:00.000Z'],
    ['2024-01-03T15:00:00Z', '2024-01-03T05:00:00.000Z'],
  ])('the New York day holding %s starts at %s', (utc, midnight) => {
    expect(new Date(newYorkMidnight(at(utc))).toISOString()).toBe(midnight);
  });
});
