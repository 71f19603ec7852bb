import type { z } from 'zod';
import type { OrderIntent, StrategyType } from '../contracts';
import type { Bar, BrokerQuote, NewsArticle } from '../broker/broker.port';
import type { GridLogic } from './grid/grid-logic';

/** Bar sizes a strategy may ask for; the broker's data API spells them this way. */
export const TIMEFRAMES = ['1Min', '5Min', '15Min', '1Hour', '1Day'] as const;
export type Timeframe = (typeof TIMEFRAMES)[number];

/** The strategy's own symbol as the broker reports it; `qty` is negative for a short position. */
export interface StrategyPosition {
  qty: number;
  /** USD per unit. */
  avgEntryPrice: number;
  /** USD. */
  marketValue: number;
}

/** The broker account's balances at decision time, all USD. */
export interface StrategyAccount {
  cash: number;
  buyingPower: number;
  equity: number;
}

/** The market data a strategy needs for one decision; the caller fetches it before `decide`. */
export interface MarketDataRequest {
  /** The primary symbol: its bars, price and position are `bars`, `latestPrice` and `position`. */
  symbol: string;
  timeframe: Timeframe;
  /** Number of most recent bars, always at least 1. */
  limit: number;
  /** Further symbols the rule reads: bars (same timeframe and limit), latest price and position of each. */
  otherSymbols?: string[];
  /** Symbols whose latest bid/ask the rule reads (spreads, arbitrage legs). */
  quotes?: string[];
  /** Headlines tagged with any of `symbols`, published at or after `since`. */
  news?: { symbols: string[]; since: Date; limit: number };
}

/** What `marketData` may look at besides the configuration. */
export interface MarketDataContext {
  state: Record<string, unknown>;
  asOf: Date;
}

/** One symbol's market as the decision sees it. */
export interface SymbolMarket {
  /** Oldest first; the last bar is the current one. */
  bars: Bar[];
  /** Latest trade, in the pair's quote currency (USD for equities and X/USD pairs). */
  latestPrice: number;
  /** null when flat. */
  position: StrategyPosition | null;
}

/**
 * Everything a strategy may look at when it decides. Decisions are pure functions of this input,
 * so a run can be replayed over history and unit-tested without a broker or a clock.
 */
export interface DecisionInput<C> {
  /** Already validated (and defaulted) by the definition's `configSchema`. */
  config: C;
  /** The run's time; `decide` must never read the wall clock itself. */
  asOf: Date;
  /** Oldest first, as requested by `marketData(config)`; the last bar is the current one. */
  bars: Bar[];
  /** USD per unit, the latest trade. */
  latestPrice: number;
  /** The open position in the strategy's symbol, or null when flat. */
  position: StrategyPosition | null;
  account: StrategyAccount;
  /** What the previous run returned as `nextState` (`{}` on the first run). */
  state: Record<string, unknown>;
  /** Every requested symbol (the primary and `otherSymbols`), keyed as the request spells it. */
  markets: Record<string, SymbolMarket>;
  /** Latest quote of each symbol in the request's `quotes`. */
  quotes: Record<string, BrokerQuote>;
  /** Oldest first; empty unless the request asked for news. */
  news: NewsArticle[];
}

/** What one run decided. The caller places `orders`, then persists `nextState` for the next run. */
export interface Decision {
  action: 'buy' | 'sell' | 'hold';
  /** A sentence a user can read, with the numbers behind the decision. */
  reason: string;
  /** Empty for hold. */
  orders: OrderIntent[];
  nextState: Record<string, unknown>;
  /**
   * How `orders` go out. 'each' (the default): one after another, independently. 'unit': one
   * after another, each waiting for the one before to fill; if a leg fails, the legs already
   * filled are unwound with opposite market orders, so the unit ends all or nothing (pairs,
   * arbitrage).
   */
  placement?: 'each' | 'unit';
}

/**
 * The extension point: one strategy type. Each type lives in its own `<type>.strategy.ts` and is
 * listed in the registry, which must name every type in `STRATEGY_TYPES`.
 *
 * @typeParam C - the parsed configuration (output of `configSchema`).
 * @typeParam T - the type name, kept literal so the registry can check key and entry agree.
 */
export interface StrategyDefinition<C = any, T extends StrategyType = StrategyType> {
  type: T;
  /** 'grid' types are driven by fill signals and only wake on their interval to reconcile. */
  kind: 'interval' | 'grid';
  /** Seconds between scheduled runs (the guide's table); `config.interval_seconds` overrides it. */
  intervalSeconds: number;
  /** False until the type's rules land; creating such a strategy is refused with "not supported yet". */
  supported: boolean;
  description: string;
  /** Validates a user's configuration and applies defaults. */
  configSchema: z.ZodType<C>;
  /** Which market data `decide` needs for this configuration (and, for news, since when). */
  marketData(config: C, context: MarketDataContext): MarketDataRequest;
  /** The decision rule: pure and deterministic in its input. */
  decide(input: DecisionInput<C>): Decision;
  /** Grid types only: what the grid places at start and on each fill (their `decide` always holds). */
  grid?: GridLogic<C>;
}
