import type { BrokerQuote } from '../broker/broker.port';

export interface QuoteSpread {
  bid: number;
  ask: number;
  mid: number;
  /** (ask - bid) / mid, in basis points. */
  bps: number;
}

/** The quote's spread, or null for a missing or unusable quote (no bid, no ask, or crossed). */
export function quoteSpread(quote: BrokerQuote | undefined): QuoteSpread | null {
  if (!quote) return null;
  const { bid, ask } = quote;
  if (!(bid > 0) || !(ask >= bid) || !Number.isFinite(ask)) return null;
  const mid = (bid + ask) / 2;
  return { bid, ask, mid, bps: ((ask - bid) / mid) * 10_000 };
}
