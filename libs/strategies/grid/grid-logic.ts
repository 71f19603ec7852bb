import type { OrderIntent, OrderSide, StrategyType } from '../../contracts';

/**
 * The contract every grid type (spot, infinity, reverse, futures) implements: pure functions from
 * configuration and market facts to the orders to rest on the book. The grid activities are
 * generic over it; nothing here does I/O or reads the clock.
 */

/** 'open' starts a round trip, 'close' completes one and realises its profit. */
export type GridOrderRole = 'open' | 'close';

/** One order of a grid: a gtc limit on a level, or (to acquire inventory at start) a market order. */
export interface GridOrder extends OrderIntent {
  qty: number;
  /** Ladder index the order rests on (0 = lowest level; infinity grids count up from lower_price without end). */
  level: number;
  role: GridOrderRole;
  /** A sentence a user can read, with the numbers. */
  reason: string;
}

/** What the grid knows about the market when it starts. */
export interface GridStartMarket {
  /** Latest trade, USD per unit. */
  price: number;
  isCrypto: boolean;
  /** Whether the broker lets the account sell the asset short. */
  shortable: boolean;
  /** USD the account can commit now. */
  buyingPower: number;
  /** Units the account holds now (negative when short). */
  positionQty: number;
}

/** Facts fixed when the grid started, persisted with the strategy and handed back on every fill. */
export interface GridContext {
  /** The price the grid started at (sets which side of the ladder a level is on). */
  startPrice: number;
  isCrypto: boolean;
}

/** A fill of one grid order, as much of it as has not been answered yet. */
export interface GridFill {
  side: OrderSide;
  level: number;
  role: GridOrderRole;
  /** Units this answer must cover (the order's filled quantity not yet countered). */
  qty: number;
  /** Average fill price, USD. */
  price: number;
}

/** What a fill calls for. */
export interface GridReaction {
  orders: GridOrder[];
  /**
   * Cancel the grid's other open orders before placing `orders` (a grid that keeps one order on
   * each side of the last fill, like the infinity grid, recentres on every fill).
   */
  cancelOtherOpenOrders: boolean;
  reason: string;
}

export type GridStartCheck = { ok: true; requiredBuyingPower: number } | { ok: false; error: string };

/** One level of the ladder, for `GET /api/strategies/:id/grid`. */
export interface GridLevelView {
  level: number;
  price: number;
}

/** The round trip an answering fill completes, for the trades row's realized_pnl. */
export interface RoundTripProfit {
  /** Realised profit in USD. */
  usd: number;
  /** Realised profit in units of the asset (reverse grid); 0 for grids that profit in USD. */
  units: number;
}

export interface GridLogic<C = any> {
  type: StrategyType;
  /** Whether profit accrues in USD or in units of the asset (reverse grid). */
  profitUnit: 'usd' | 'asset';
  /**
   * Checks a valid configuration against the market at start: price inside the range, whole
   * units affordable, enough buying power for every opening order (the error says how much is missing).
   */
  checkStart(config: C, market: GridStartMarket): GridStartCheck;
  /** The grid's opening orders (each level gets at most one). */
  initialOrders(config: C, market: GridStartMarket): GridOrder[];
  /** The orders that answer a fill (the counter order; for some grids two, or none at the ladder's end). */
  onFill(config: C, context: GridContext, fill: GridFill): GridReaction;
  /** The profit of a round trip completed by `closing`, opened by `opening`; null when `closing` completes none. */
  roundTripProfit(opening: { side: OrderSide; price: number; qty: number }, closing: { side: OrderSide; price: number; qty: number }): RoundTripProfit | null;
  /** The levels to show, ascending (for grids without an upper bound, a window around `aroundPrice`). */
  ladder(config: C, aroundPrice: number): GridLevelView[];
}

/** What a grid keeps in trading_strategies.state under `grid` once its set-up has run. */
export interface PersistedGridState {
  start_price: number;
  is_crypto: boolean;
  /** ISO-8601. */
  started_at: string;
}

export function gridContextOf(state: PersistedGridState): GridContext {
  return { startPrice: state.start_price, isCrypto: state.is_crypto };
}
