import { effectiveIntervalSeconds, strategyKind } from './strategy-schedule';

describe('effectiveIntervalSeconds', () => {
  it.each([
    ['momentum_breakout', {}, 300],
    ['momentum_breakout', { interval_seconds: 2 }, 2],
    ['dca', { interval_seconds: 3600 }, 3600],
    ['dca', { interval_seconds: 0 }, 1],
    ['dca', { interval_seconds: -30 }, 1],
    ['dca', { interval_seconds: 2.7 }, 2],
    ['dca', { interval_seconds: '60' }, 86400],
    ['dca', { interval_seconds: Number.NaN }, 86400],
    ['dca', null, 86400],
    ['dca', undefined, 86400],
    ['spot_grid', {}, 86400],
    ['smart_rebalance', {}, 604800],
    ['scalping', { interval_seconds: 5 }, 5],
  ] as const)('%s with %j runs every %p s', (type, configuration, expected) => {
    expect(effectiveIntervalSeconds(type, configuration)).toBe(expected);
  });
});

describe('strategyKind', () => {
  it.each([
    ['spot_grid', 'grid'],
    ['reverse_grid', 'grid'],
    ['dca', 'interval'],
    ['iron_condor', 'interval'],
  ] as const)('%s is a %s strategy', (type, kind) => {
    expect(strategyKind(type)).toBe(kind);
  });
});
