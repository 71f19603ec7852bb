export type OrderSide = 'buy' | 'sell';
export type OrderType = 'market' | 'limit';
export type TimeInForce = 'day' | 'gtc' | 'ioc' | 'fok';

/** What a strategy decided to send to the broker; exactly one of qty or notional is set. */
export interface OrderIntent {
  symbol: string;
  side: OrderSide;
  type: OrderType;
  timeInForce: TimeInForce;
  /** Units of the asset (shares or coins). */
  qty?: number;
  /** USD amount, market orders only (Alpaca allows fractional notional on market day orders). */
  notional?: number;
  limitPrice?: number;
}

/** An order as recorded in bot_orders and returned by the API. */
export interface OrderSummary {
  id: string;
  client_order_id: string;
  broker_order_id: string | null;
  symbol: string;
  side: OrderSide;
  type: OrderType;
  qty: number | null;
  notional: number | null;
  limit_price: number | null;
  status: string;
  filled_qty: number;
  filled_avg_price: number | null;
}

export type ExecutionAction = 'buy' | 'sell' | 'hold' | 'error';
export type ExecutionTrigger = 'scheduled' | 'manual' | 'initial';

/** The outcome of one strategy run; the shape of POST /api/strategies/:id/execute. */
export interface ExecutionResult {
  strategy_id: string;
  run_number: number;
  trigger: ExecutionTrigger;
  action: ExecutionAction;
  reason: string;
  /** The run's first order (kept for clients that read one order). */
  order?: OrderSummary;
  /** Every order the run sent, in the order sent: the legs, then any unwinding orders. */
  orders?: OrderSummary[];
  error?: string;
  executed_at: string;
}
