// The three crypto pairs an arbitrage route trades and the two ways round them, USD back to USD.

export const ARBITRAGE_ROUTES = ['stablecoin', 'triangle'] as const;
export type ArbitrageRoute = (typeof ARBITRAGE_ROUTES)[number];

/** `via` when the configuration leaves it out. */
export const DEFAULT_VIA: Readonly<Record<ArbitrageRoute, string>> = { stablecoin: 'USDT', triangle: 'ETH' };

/** Alpaca's USD-pegged coins that quote other pairs (BTC/USDT) and trade against USD (USDT/USD). */
export const STABLECOINS = ['USDT', 'USDC'] as const;

export interface CycleLeg {
  symbol: string;
  /** buy: spend the pair's quote currency for its base (at the ask); sell: the reverse (at the bid). */
  side: 'buy' | 'sell';
}

/** One way round the three pairs, starting and ending in USD. */
export interface ArbitrageCycle {
  /** The currencies in the order they are held, e.g. "USD→USDT→BTC→USD". */
  path: string;
  legs: readonly [CycleLeg, CycleLeg, CycleLeg];
  /** The USD price the cycle sells at (bids): one pair, or the product of two. */
  sellsAt: readonly string[];
  /** The USD price the cycle buys at (asks). */
  buysAt: readonly string[];
}

export interface ArbitragePairs {
  /** The asset/USD pair: the strategy's primary symbol. */
  primary: string;
  /** All three pairs, primary first: the quotes a decision reads. */
  symbols: readonly [string, string, string];
  cycles: readonly [ArbitrageCycle, ArbitrageCycle];
}

/**
 * Both routes compare a coin P's USD price with its price through a bridge currency Q
 * (P/Q × Q/USD). stablecoin: P = asset, Q = via (BTC/USD against BTC/USDT × USDT/USD).
 * triangle: P = via, Q = asset (ETH/USD against ETH/BTC × BTC/USD).
 */
export function arbitragePairs(route: ArbitrageRoute, asset: string, via: string): ArbitragePairs {
  const [priced, bridge] = route === 'stablecoin' ? [asset, via] : [via, asset];
  const direct = `${priced}/USD`;
  const cross = `${priced}/${bridge}`;
  const bridgeUsd = `${bridge}/USD`;
  const throughBridge: ArbitrageCycle = {
    path: `USD→${bridge}→${priced}→USD`,
    legs: [
      { symbol: bridgeUsd, side: 'buy' },
      { symbol: cross, side: 'buy' },
      { symbol: direct, side: 'sell' },
    ],
    sellsAt: [direct],
    buysAt: [cross, bridgeUsd],
  };
  const directFirst: ArbitrageCycle = {
    path: `USD→${priced}→${bridge}→USD`,
    legs: [
      { symbol: direct, side: 'buy' },
      { symbol: cross, side: 'sell' },
      { symbol: bridgeUsd, side: 'sell' },
    ],
    sellsAt: [cross, bridgeUsd],
    buysAt: [direct],
  };
  const primary = `${asset}/USD`;
  const others = [direct, cross, bridgeUsd].filter((symbol) => symbol !== primary);
  return { primary, symbols: [primary, others[0], others[1]], cycles: [throughBridge, directFirst] };
}
