import { alignCloses } from './aligned-closes';
import { hedgeRatio, spreadZScore } from './pair-spread';
import { barsFromCloses } from './testing/decision-input';

const points = (pairs: Array<[number, number]>) => pairs.map(([a, b], i) => ({ t: String(i), a, b }));

describe('pair spread', () => {
  it('fits β as the slope of A on B', () => {
    expect(hedgeRatio(points([[13, 5], [17, 7], [23, 10], [15, 6]]))).toBeCloseTo(2, 10);
  });

  it('measures the current spread against the window', () => {
    // Window spreads with β 1: 1, -1, 1, -1 (mean 0, sd 1); current spread 3.
    expect(spreadZScore(points([[11, 10], [9, 10], [11, 10], [9, 10]]), { t: 'now', a: 13, b: 10 }, 1)).toBeCloseTo(3, 10);
  });

  it.each([
    ['flat prices', [[100, 50], [100, 50], [100, 50]]],
    ['an exact A = 2·B line (float noise only)', [[100.2, 50.1], [100.6, 50.3], [101.4, 50.7]]],
  ] as Array<[string, Array<[number, number]>]>)('has no z-score for %s', (_name, window) => {
    expect(spreadZScore(points(window), { t: 'now', a: 103, b: 50 }, 2)).toBeNull();
  });

  it('aligns closes on common bar times, whatever the timestamp spelling', () => {
    const a = barsFromCloses([1, 2, 3, 4]);
    const b = barsFromCloses([10, 20, 30, 40]).filter((_bar, i) => i !== 1).map((bar) => ({ ...bar, t: bar.t.replace('.000Z', 'Z') }));
    expect(alignCloses(a, b)).toEqual([
      { t: a[0].t, a: 1, b: 10 },
      { t: a[2].t, a: 3, b: 30 },
      { t: a[3].t, a: 4, b: 40 },
    ]);
  });
});
