import { fillDelta, type FillProgress } from './fill-delta';

const base: FillProgress = { previousQty: 0, previousAvgPrice: null, filledQty: 0, filledAvgPrice: null, limitPrice: 100 };

describe('fillDelta', () => {
  it.each<[string, Partial<FillProgress>, ReturnType<typeof fillDelta>]>([
    ['nothing new', { previousQty: 2, previousAvgPrice: 100, filledQty: 2, filledAvgPrice: 100 }, undefined],
    ['older than recorded', { previousQty: 2, previousAvgPrice: 100, filledQty: 1, filledAvgPrice: 100 }, undefined],
    ['first fill at the average', { filledQty: 2, filledAvgPrice: 99.5 }, { qty: 2, price: 99.5, notional: 199 }],
    [
      'the event execution is the whole delta: its price wins',
      { previousQty: 1, previousAvgPrice: 100, filledQty: 3, filledAvgPrice: 99, executionQty: 2, executionPrice: 98.4 },
      { qty: 2, price: 98.4, notional: 196.8 },
    ],
    [
      'an execution was missed: price from the cumulative averages',
      { previousQty: 1, previousAvgPrice: 100, filledQty: 3, filledAvgPrice: 99, executionQty: 1, executionPrice: 97 },
      { qty: 2, price: 98.5, notional: 197 },
    ],
    ['no average at all: the limit price', { filledQty: 0.5 }, { qty: 0.5, price: 100, notional: 50 }],
    [
      'float noise in quantities is rounded away',
      { previousQty: 0.1, previousAvgPrice: 10, filledQty: 0.3, filledAvgPrice: 10 },
      { qty: 0.2, price: 10, notional: 2 },
    ],
  ])('%s', (_label, progress, expected) => {
    expect(fillDelta({ ...base, ...progress })).toEqual(expected);
  });

  it('refuses to invent a price', () => {
    expect(() => fillDelta({ ...base, limitPrice: null, filledQty: 1 })).toThrow('without any price');
  });
});
