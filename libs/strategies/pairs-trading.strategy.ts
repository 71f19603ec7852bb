import { alignCloses, type AlignedCloses } from './aligned-closes';
import { hold } from './hold-decision';
import { entryBudget, floorTo } from './order-sizing';
import { describePair, entryOrders, exitOrders, readPairPosition, type PairPosition, type PairSymbols } from './pair-position';
import { hedgeRatio, spreadZScore } from './pair-spread';
import { pairsTradingConfigSchema, type PairsTradingConfig } from './pairs-trading-config';
import { formatPrice, formatUsd } from './reason-format';
import type { Decision, DecisionInput, StrategyDefinition, StrategyPosition } from './strategy';
import { STRATEGY_INTERVAL_SECONDS } from './strategy-schedule';

export { pairsTradingConfigSchema, type PairsTradingConfig } from './pairs-trading-config';

type Input = DecisionInput<PairsTradingConfig>;
type State = Record<string, unknown>;

/** The lookback's aligned bar times before the current one, and the current one. */
interface SpreadView {
  window: AlignedCloses[];
  current: AlignedCloses;
  symbols: PairSymbols;
}

function without(state: State, key: string): State {
  const { [key]: _dropped, ...rest } = state;
  return rest;
}

const formatZ = (z: number) => z.toFixed(2);
const formatBeta = (beta: number) => (Math.abs(beta) >= 0.1 ? beta.toFixed(2) : String(Number(beta.toPrecision(3))));

function positionOf(input: Input, symbol: string): StrategyPosition | null {
  return input.markets[symbol] ? input.markets[symbol].position : symbol === input.config.symbol_a ? input.position : null;
}

function decideFlat(input: Input, { window, current, symbols }: SpreadView): Decision {
  const { config, state } = input;
  const n = config.lookback_bars;
  const beta = hedgeRatio(window);
  const z = spreadZScore(window, current, beta);
  const fit = `β ${formatBeta(beta)} over ${n} bars`;
  if (z === null) return hold(`the ${symbols.a}/${symbols.b} spread did not move over the ${n} bars (standard deviation 0), so it has no z-score`, state);
  if (!(beta > 0)) {
    return hold(`hedge ratio ${fit} is not positive: ${symbols.a} and ${symbols.b} did not move together, and pairs_trading only trades a pair that does`, state);
  }
  const entry = config.entry_z.toFixed(2);
  const size = Math.abs(z);
  // After a stop the same divergence is not entered again: the spread must first come back.
  if (state.stopped_out && size >= config.entry_z) {
    return hold(`stopped out of this divergence; spread z-score ${formatZ(z)} must come back within ±${entry} before a new entry (${fit})`, state);
  }
  const base = size < config.entry_z ? without(state, 'stopped_out') : state;
  if (!(size > config.entry_z)) return hold(`waiting for signal: spread z-score ${formatZ(z)} within ±${entry} entry (${fit})`, base);
  const signal = z > 0 ? `spread z-score ${formatZ(z)} above ${entry} entry` : `spread z-score ${formatZ(z)} below -${entry} entry`;
  if (size > config.stop_z) return hold(`${signal} but beyond the ±${config.stop_z.toFixed(2)} stop, too far to enter (${fit})`, state);

  const priceA = input.markets[symbols.a]?.latestPrice ?? input.latestPrice;
  const priceB = input.markets[symbols.b]?.latestPrice ?? 0;
  if (!(priceA > 0 && priceB > 0)) return hold(`${signal} (${fit}), but ${symbols.a} or ${symbols.b} has no valid latest price`, state);
  // One unit of the spread is 1 share of A and β shares of B; the budget is both legs' notional
  // together, so it buys budget / (priceA + β·priceB) units, in whole shares of A.
  const budget = entryBudget(config);
  const unitCost = priceA + beta * priceB;
  const qtyA = floorTo(budget / unitCost, 0);
  if (qtyA < 1) {
    return hold(`${signal} (${fit}), but ${formatUsd(budget)} does not cover one ${symbols.a} plus ${formatBeta(beta)} ${symbols.b} (${formatUsd(unitCost)})`, state);
  }
  const qtyB = Math.max(1, Math.round(beta * qtyA));
  const gross = qtyA * priceA + qtyB * priceB;
  if (input.account.buyingPower < gross) {
    return hold(`${signal} (${fit}), but buying power ${formatUsd(input.account.buyingPower)} is below the ${formatUsd(gross)} both legs need`, state);
  }
  const pair: PairPosition = { side: z > 0 ? 'short_spread' : 'long_spread', qty_a: qtyA, qty_b: qtyB, beta, entry_z: z, entry_bar: current.t };
  return {
    action: 'buy',
    reason: `${signal} (${fit}): ${describePair(pair, symbols)} at ~${formatPrice(priceA)} and ~${formatPrice(priceB)}`,
    orders: entryOrders(pair, symbols),
    nextState: { ...without(base, 'stopped_out'), pair },
    placement: 'unit',
  };
}

function closePair(input: Input, { symbols }: SpreadView, pair: PairPosition, why: string, nextState: State): Decision {
  // A leg the account no longer holds at all was closed outside the strategy; buying or selling
  // it now would open a new position instead of closing one.
  const gone = new Set([symbols.a, symbols.b].filter((symbol) => positionOf(input, symbol) === null));
  const orders = exitOrders(pair, symbols, gone);
  const held = describePair(pair, symbols);
  if (orders.length === 0) return hold(`${why}, but the account holds neither ${symbols.a} nor ${symbols.b} any more; forgetting the pair (${held})`, nextState);
  const note = gone.size > 0 ? ` (${[...gone].join(' and ')} is no longer held in the account, so only the other leg is closed)` : '';
  return { action: 'sell', reason: `${why}: closing ${held}${note}`, orders, nextState, placement: 'unit' };
}

function decideInPosition(input: Input, view: SpreadView, pair: PairPosition): Decision {
  const { config, state } = input;
  const { a, b } = view.symbols;
  const held = describePair(pair, view.symbols);
  const z = spreadZScore(view.window, view.current, pair.beta);
  const fit = `β ${formatBeta(pair.beta)} from entry, over ${config.lookback_bars} bars`;
  if (z === null) return hold(`holding ${held}; the spread did not move over the ${config.lookback_bars} bars, so it has no z-score`, state);
  // Signed so that it grows against the position: a short spread loses as the z-score rises.
  const direction = pair.side === 'short_spread' ? 1 : -1;
  const against = direction * z;
  const exit = formatZ(direction * config.exit_z);
  const stop = formatZ(direction * config.stop_z);
  const cleared = without(state, 'pair');
  if (against > config.stop_z) {
    const stoppedOut = { side: pair.side, z, bar: view.current.t };
    return closePair(input, view, pair, `stop: spread z-score ${formatZ(z)} beyond the ${stop} stop (${fit})`, { ...cleared, stopped_out: stoppedOut });
  }
  if (against < config.exit_z) {
    return closePair(input, view, pair, `spread z-score ${formatZ(z)} back ${direction > 0 ? 'below' : 'above'} the ${exit} exit (${fit})`, cleared);
  }
  const unseen = positionOf(input, a) === null && positionOf(input, b) === null ? `; the account shows no ${a} or ${b} position` : '';
  return hold(`holding ${held} (entered at z ${formatZ(pair.entry_z)}): spread z-score ${formatZ(z)} between the ${exit} exit and ${stop} stop (${fit})${unseen}`, state);
}

function decide(input: Input): Decision {
  const { config, state } = input;
  const symbols = { a: config.symbol_a, b: config.symbol_b };
  const barsA = input.markets[symbols.a]?.bars ?? input.bars;
  const barsB = input.markets[symbols.b]?.bars ?? [];
  const aligned = alignCloses(barsA, barsB);
  const need = config.lookback_bars + 1;
  if (aligned.length < need) {
    return hold(
      `not enough data: ${aligned.length} of ${need} aligned bars (${need - aligned.length} missing) for the ${config.lookback_bars}-bar ${symbols.a}/${symbols.b} spread ` +
        `(${symbols.a} has ${barsA.length} bars, ${symbols.b} ${barsB.length}; only times both traded count)`,
      state,
    );
  }
  const recent = aligned.slice(-need);
  const view: SpreadView = { window: recent.slice(0, -1), current: recent[recent.length - 1], symbols };
  const pair = readPairPosition(state);
  return pair ? decideInPosition(input, view, pair) : decideFlat(input, view);
}

export const pairsTradingStrategy: StrategyDefinition<PairsTradingConfig, 'pairs_trading'> = {
  type: 'pairs_trading',
  kind: 'interval',
  intervalSeconds: STRATEGY_INTERVAL_SECONDS.pairs_trading,
  supported: true,
  description:
    "Trades the z-score of two equities' spread A - β·B, with β fitted by least squares over a lookback: shorts the rich leg and buys the cheap one beyond ±entry_z, closes both near zero or at a stop; the legs go out as one unit.",
  configSchema: pairsTradingConfigSchema,
  marketData: (config) => ({
    symbol: config.symbol_a,
    timeframe: config.timeframe,
    limit: config.lookback_bars + 1,
    otherSymbols: [config.symbol_b],
  }),
  decide,
};
