import type { BotOrder } from '../../../../../libs/database/entities';
import type { GridLevelView } from '../../../../../libs/strategies/grid/grid-logic';

/** The order resting on a level, as GET /api/strategies/:id/grid shows it. */
export interface GridOpenOrderView {
  client_order_id: string;
  side: string;
  qty: number | null;
  limit_price: number | null;
  status: string;
  filled_qty: number;
}

export interface GridLevelRow {
  level: number;
  /** USD; null only for an order off the ladder that has no limit price (a market order). */
  price: number | null;
  open_order: GridOpenOrderView | null;
}

/** GET /api/strategies/:id/grid. */
export interface GridView {
  strategy_id: string;
  type: string;
  symbol: string;
  profit_unit: 'usd' | 'asset';
  /** USD; null until the grid's set-up has run. */
  start_price: number | null;
  levels: GridLevelRow[];
  open_orders: number;
  /** Round trips completed: closing orders with a fill that realised a profit (or loss). */
  filled_cycles: number;
  realized_profit_usd: number;
  /** For grids that profit in the asset (reverse grid); 0 otherwise. */
  realized_profit_units: number;
  last_fill_at: string | null;
}

function openOrderView(order: BotOrder): GridOpenOrderView {
  return {
    client_order_id: order.clientOrderId,
    side: order.side,
    qty: order.qty,
    limit_price: order.limitPrice,
    status: order.status,
    filled_qty: order.filledQty,
  };
}

/**
 * The ladder with each level's open order. Orders on levels the ladder does not show (outside an
 * unbounded grid's window, or left from an earlier configuration) still get a row, priced at their
 * limit, so no open order is hidden. `openOrders` oldest first: on a level with two, the newer shows.
 */
export function gridLevelRows(ladder: readonly GridLevelView[], openOrders: readonly BotOrder[]): GridLevelRow[] {
  const rows = new Map<number, GridLevelRow>(ladder.map(({ level, price }) => [level, { level, price, open_order: null }]));
  for (const order of openOrders) {
    if (order.gridLevel === null) continue;
    const row = rows.get(order.gridLevel) ?? { level: order.gridLevel, price: order.limitPrice, open_order: null };
    rows.set(order.gridLevel, { ...row, open_order: openOrderView(order) });
  }
  return [...rows.values()].sort((a, b) => a.level - b.level);
}
