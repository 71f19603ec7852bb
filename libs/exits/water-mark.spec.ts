import { nextWaterMark } from './water-mark';

describe('nextWaterMark', () => {
  it.each([
    ['long, first sighting above the entry', 'long', undefined, 100, 103, 103],
    ['long, first sighting below the entry', 'long', undefined, 100, 97, 100],
    ['long, a new high', 'long', 105, 100, 106, 106],
    ['long, a dip keeps the high', 'long', 105, 100, 101, 105],
    ['short, first sighting below the entry', 'short', undefined, 100, 96, 96],
    ['short, first sighting above the entry', 'short', undefined, 100, 104, 100],
    ['short, a new low', 'short', 95, 100, 94, 94],
    ['short, a bounce keeps the low', 'short', 95, 100, 99, 95],
  ] as const)('%s', (_label, side, previous, entry, price, expected) => {
    expect(nextWaterMark(side, previous, entry, price)).toBe(expected);
  });
});
