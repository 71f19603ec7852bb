import type { BotOrder } from '../../../../../libs/database/entities';
import { gridLevelRows } from './grid-view';

function order(gridLevel: number | null, fields: Partial<BotOrder> = {}): BotOrder {
  return {
    clientOrderId: `grid-${gridLevel}`,
    side: 'buy',
    qty: 1,
    limitPrice: 100,
    status: 'new',
    filledQty: 0,
    gridLevel,
    ...fields,
  } as BotOrder;
}

const LADDER = [
  { level: 0, price: 90 },
  { level: 1, price: 100 },
  { level: 2, price: 110 },
];

describe('gridLevelRows', () => {
  it('shows every ladder level, with the order resting on it or null', () => {
    const rows = gridLevelRows(LADDER, [order(0, { limitPrice: 90, clientOrderId: 'a' }), order(2, { side: 'sell', limitPrice: 110, clientOrderId: 'b' })]);
    expect(rows).toEqual([
      { level: 0, price: 90, open_order: { client_order_id: 'a', side: 'buy', qty: 1, limit_price: 90, status: 'new', filled_qty: 0 } },
      { level: 1, price: 100, open_order: null },
      { level: 2, price: 110, open_order: { client_order_id: 'b', side: 'sell', qty: 1, limit_price: 110, status: 'new', filled_qty: 0 } },
    ]);
  });

  it('adds a row, priced at the limit, for an order on a level the ladder does not show', () => {
    const rows = gridLevelRows(LADDER, [order(5, { limitPrice: 140 }), order(-1, { limitPrice: 80 })]);
    expect(rows.map((row) => [row.level, row.price, row.open_order?.limit_price ?? null])).toEqual([
      [-1, 80, 80],
      [0, 90, null],
      [1, 100, null],
      [2, 110, null],
      [5, 140, 140],
    ]);
  });

  it('shows the newer of two orders on one level and ignores orders without a level', () => {
    const rows = gridLevelRows(LADDER, [order(1, { clientOrderId: 'old' }), order(null, { clientOrderId: 'market' }), order(1, { clientOrderId: 'new' })]);
    expect(rows[1].open_order?.client_order_id).toBe('new');
    expect(rows.flatMap((row) => (row.open_order ? [row.open_order.client_order_id] : []))).toEqual(['new']);
  });
});
