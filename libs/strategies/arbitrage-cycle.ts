import type { BrokerQuote } from '../broker/broker.port';
import type { ArbitrageCycle, CycleLeg } from './arbitrage-routes';
import { CRYPTO_QTY_DECIMALS, floorTo } from './order-sizing';

export type LegQuotes = Readonly<Record<string, Pick<BrokerQuote, 'bid' | 'ask'>>>;

/** What one way round earns at the current quotes, buying at the ask and selling at the bid. */
export interface CycleEdge {
  cycle: ArbitrageCycle;
  /** USD per unit of the priced coin on the selling side (bids) and the buying side (asks). */
  sellPrice: number;
  buyPrice: number;
  /** sellPrice / buyPrice − 1, in basis points, before fees. */
  grossBps: number;
  /** USD back per USD in − 1 after every leg's fee, in basis points. */
  netBps: number;
}

export interface SizedLeg extends CycleLeg {
  qty: number;
}

export type SizedCycle = { ok: true; legs: SizedLeg[]; spentUsd: number } | { ok: false; emptyLeg: CycleLeg };

const BPS = 10_000;

/** Why a symbol's quote cannot be traded on, or null when it can. */
export function quoteProblem(symbol: string, quote: Pick<BrokerQuote, 'bid' | 'ask'> | undefined): string | null {
  if (!quote) return `no quote for ${symbol}`;
  const { bid, ask } = quote;
  const prices = `bid ${formatRate(bid)}, ask ${formatRate(ask)}`;
  if (!(Number.isFinite(bid) && Number.isFinite(ask) && bid > 0 && ask > 0)) return `${symbol} quote has no usable price (${prices})`;
  if (bid >= ask) return `${symbol} quote is crossed (${prices}: bid not below ask)`;
  return null;
}

/** Up to 8 significant digits: a quote near 1 (USDT/USD 1.0001) keeps its digits. */
export function formatRate(price: number): string {
  return String(Number(price.toPrecision(8)));
}

function product(symbols: readonly string[], quotes: LegQuotes, side: 'bid' | 'ask'): number {
  return symbols.reduce((acc, symbol) => acc * quotes[symbol][side], 1);
}

// Alpaca charges each crypto fill's fee on the currency it credits, so every leg keeps (1 − fee).
function keptAfterFee(feeBps: number): number {
  return 1 - feeBps / BPS;
}

export function cycleEdge(cycle: ArbitrageCycle, quotes: LegQuotes, feeBps: number): CycleEdge {
  const sellPrice = product(cycle.sellsAt, quotes, 'bid');
  const buyPrice = product(cycle.buysAt, quotes, 'ask');
  const grossRatio = cycle.legs.reduce((acc, leg) => acc * (leg.side === 'buy' ? 1 / quotes[leg.symbol].ask : quotes[leg.symbol].bid), 1);
  const netRatio = grossRatio * keptAfterFee(feeBps) ** cycle.legs.length;
  return { cycle, sellPrice, buyPrice, grossBps: (grossRatio - 1) * BPS, netBps: (netRatio - 1) * BPS };
}

// floorTo forgives binary noise below 1e-9 and so can land a hair above `amount`; a leg must
// never ask for more than the account holds, so step back one increment then.
function floorWithin(amount: number): number {
  const qty = floorTo(amount, CRYPTO_QTY_DECIMALS);
  return qty > amount ? floorTo(qty - 10 ** -CRYPTO_QTY_DECIMALS, CRYPTO_QTY_DECIMALS) : qty;
}

/**
 * Quantities for the legs, each spending what the one before credited after its fee. Rounding
 * down to the crypto increment means a leg never spends more than the account holds; the
 * remainder stays behind as dust.
 */
export function sizeCycle(cycle: ArbitrageCycle, quotes: LegQuotes, budgetUsd: number, feeBps: number): SizedCycle {
  const kept = keptAfterFee(feeBps);
  const legs: SizedLeg[] = [];
  let available = budgetUsd;
  for (const leg of cycle.legs) {
    const { bid, ask } = quotes[leg.symbol];
    const qty = floorWithin(leg.side === 'buy' ? available / ask : available);
    if (!(qty > 0)) return { ok: false, emptyLeg: leg };
    legs.push({ ...leg, qty });
    available = (leg.side === 'buy' ? qty : qty * bid) * kept;
  }
  return { ok: true, legs, spentUsd: legs[0].qty * quotes[legs[0].symbol].ask };
}
