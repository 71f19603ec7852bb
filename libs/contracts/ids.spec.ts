import { clientOrderId, gridClientOrderId } from './ids';

const UUID = '3f2b8c1e-9a4d-4e7b-8c2a-1d5e6f7a8b9c';

describe('gridClientOrderId', () => {
  it.each([
    [0, 0, 'buy', 'ag-3f2b8c1e9a4d4e7b8c2a1d5e6f7a8b9c-0-0b'],
    [0, 0, 'sell', 'ag-3f2b8c1e9a4d4e7b8c2a1d5e6f7a8b9c-0-0s'],
    [12, 3, 'sell', 'ag-3f2b8c1e9a4d4e7b8c2a1d5e6f7a8b9c-12-3s'],
    [199, 999_999, 'buy', 'ag-3f2b8c1e9a4d4e7b8c2a1d5e6f7a8b9c-199-999999b'],
  ] as const)('level %p cycle %p %s -> %s', (level, cycle, side, expected) => {
    const id = gridClientOrderId(UUID, level, cycle, side);
    expect(id).toBe(expected);
    expect(id.length).toBeLessThan(48);
  });

  it('gives every (level, cycle, side) of a grid its own id, distinct from run order ids', () => {
    const ids = new Set<string>();
    for (let level = 0; level < 200; level += 1) {
      for (let cycle = 0; cycle < 12; cycle += 1) {
        ids.add(gridClientOrderId(UUID, level, cycle, 'buy'));
        ids.add(gridClientOrderId(UUID, level, cycle, 'sell'));
      }
    }
    expect(ids.size).toBe(200 * 12 * 2);
    // Level 1 cycle 12 vs level 11 cycle 2: the separator keeps them apart.
    expect(gridClientOrderId(UUID, 1, 12, 'buy')).not.toBe(gridClientOrderId(UUID, 11, 2, 'buy'));
    expect(ids.has(clientOrderId(UUID, 1))).toBe(false);
  });

  it.each([
    [-1, 0],
    [1.5, 0],
    [0, -1],
    [0, Number.NaN],
  ])('rejects level %p cycle %p', (level, cycle) => {
    expect(() => gridClientOrderId(UUID, level, cycle, 'buy')).toThrow(RangeError);
  });
});
