import type { OrderIntent, OrderSide } from '../contracts';
import { timeInForceFor } from './order-sizing';
import { formatQty } from './reason-format';

/** short_spread: short A, long B (the spread was rich). long_spread: long A, short B. */
export type SpreadSide = 'short_spread' | 'long_spread';

/**
 * The pair this strategy holds, kept in its state: the account's positions net every strategy and
 * manual trade in a symbol, so they cannot say which shares are this pair's legs.
 */
export interface PairPosition {
  side: SpreadSide;
  qty_a: number;
  qty_b: number;
  /** The hedge ratio the legs were sized with; the exit measures the spread with it too. */
  beta: number;
  entry_z: number;
  entry_bar: string;
}

export interface PairSymbols {
  a: string;
  b: string;
}

interface Leg {
  symbol: string;
  side: OrderSide;
  qty: number;
}

const positiveNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value > 0;

export function readPairPosition(state: Record<string, unknown>): PairPosition | null {
  const pair = state.pair as Partial<PairPosition> | undefined;
  if (!pair || (pair.side !== 'short_spread' && pair.side !== 'long_spread')) return null;
  if (!positiveNumber(pair.qty_a) || !positiveNumber(pair.qty_b) || !positiveNumber(pair.beta)) return null;
  return { side: pair.side, qty_a: pair.qty_a, qty_b: pair.qty_b, beta: pair.beta, entry_z: Number(pair.entry_z), entry_bar: String(pair.entry_bar) };
}

function openingLegs(pair: PairPosition, symbols: PairSymbols): Leg[] {
  const aSide: OrderSide = pair.side === 'short_spread' ? 'sell' : 'buy';
  const bSide: OrderSide = aSide === 'sell' ? 'buy' : 'sell';
  return [
    { symbol: symbols.a, side: aSide, qty: pair.qty_a },
    { symbol: symbols.b, side: bSide, qty: pair.qty_b },
  ];
}

/** "short 10 KO, long 15 PEP" */
export function describePair(pair: PairPosition, symbols: PairSymbols): string {
  return openingLegs(pair, symbols)
    .map((leg) => `${leg.side === 'sell' ? 'short' : 'long'} ${formatQty(leg.qty)} ${leg.symbol}`)
    .join(', ');
}

function marketOrder(leg: Leg): OrderIntent {
  return { symbol: leg.symbol, side: leg.side, type: 'market', timeInForce: timeInForceFor(leg.symbol), qty: leg.qty };
}

// Placed as a unit, the short leg first: a short sale is the leg the broker may refuse (not
// shortable, no borrow, no margin), and when the first leg fails there is nothing to unwind.
export function entryOrders(pair: PairPosition, symbols: PairSymbols): OrderIntent[] {
  const legs = openingLegs(pair, symbols);
  return [...legs.filter((leg) => leg.side === 'sell'), ...legs.filter((leg) => leg.side === 'buy')].map(marketOrder);
}

// The short is covered first, for the same reason it opened first: it carries the unbounded risk
// and the margin, so it is the leg that must not be left open. `skip` drops legs already gone.
export function exitOrders(pair: PairPosition, symbols: PairSymbols, skip: ReadonlySet<string>): OrderIntent[] {
  const closing = openingLegs(pair, symbols).map((leg): Leg => ({ ...leg, side: leg.side === 'sell' ? 'buy' : 'sell' }));
  const covers = closing.filter((leg) => leg.side === 'buy');
  const sells = closing.filter((leg) => leg.side === 'sell');
  return [...covers, ...sells].filter((leg) => !skip.has(leg.symbol)).map(marketOrder);
}
