import { arbitrageConfigSchema, type ArbitrageConfig } from './arbitrage-config';
import { cycleEdge, quoteProblem, sizeCycle, type CycleEdge, type SizedLeg } from './arbitrage-cycle';
import { arbitragePairs } from './arbitrage-routes';
import { hold } from './hold-decision';
import { fromCents, MIN_NOTIONAL_USD, timeInForceFor, toCents } from './order-sizing';
import { formatPrice, formatQty, formatUsd } from './reason-format';
import type { Decision, DecisionInput, StrategyDefinition } from './strategy';
import { STRATEGY_INTERVAL_SECONDS } from './strategy-schedule';

export { arbitrageConfigSchema, type ArbitrageConfig } from './arbitrage-config';

/** What arbitrage remembers for the user: cycles traded and the USD edge they were expected to earn. */
interface ArbitrageState {
  cycles: number;
  expectedEdgeUsd: number;
}

function readState(state: Record<string, unknown>): ArbitrageState {
  const number = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
  return { cycles: Math.max(0, Math.floor(number(state.cycles))), expectedEdgeUsd: number(state.expected_edge_usd) };
}

/** Basis points to one decimal: "37.4", "-150.3", "75". */
function formatBps(bps: number): string {
  return String(Number(bps.toFixed(1)));
}

// "BTC/USD bid 100620.00 is 0.62% above BTC/USDT×USDT/USD ask 100000.00": the price gap before fees.
function describeGap({ cycle, sellPrice, buyPrice, grossBps }: CycleEdge): string {
  const percent = (grossBps / 100).toFixed(2);
  return `${cycle.sellsAt.join('×')} bid ${formatPrice(sellPrice)} is ${percent}% above ${cycle.buysAt.join('×')} ask ${formatPrice(buyPrice)}`;
}

function describeLegs(legs: SizedLeg[]): string {
  return legs.map((leg) => `${leg.side} ${formatQty(leg.qty)} ${leg.symbol}`).join(', ');
}

function decide({ config, asOf, account, quotes, state }: DecisionInput<ArbitrageConfig>): Decision {
  const pairs = arbitragePairs(config.route, config.asset, config.via);
  for (const symbol of pairs.symbols) {
    const problem = quoteProblem(symbol, quotes[symbol]);
    if (problem) return hold(`${problem}; the ${config.route} route needs live quotes for ${pairs.symbols.join(', ')}`, state);
  }

  const edges = pairs.cycles.map((cycle) => cycleEdge(cycle, quotes, config.fee_bps));
  const best = edges.reduce((a, b) => (b.netBps > a.netBps ? b : a));
  const fees = `${formatBps(config.fee_bps * best.cycle.legs.length)} bps fees`;
  const threshold = `${formatBps(config.min_edge_bps)} bps`;
  if (!(best.netBps > config.min_edge_bps)) {
    const both = edges.map((edge) => `${edge.cycle.path} ${formatBps(edge.netBps)} bps`).join(', ');
    return hold(`best edge ${formatBps(best.netBps)} bps after ${fees}, not above the ${threshold} threshold (${both})`, state);
  }

  const gap = describeGap(best);
  const budgetUsd = Math.min(config.trade_notional_usd, account.buyingPower);
  if (budgetUsd < MIN_NOTIONAL_USD) {
    const limit = account.buyingPower < config.trade_notional_usd ? 'buying power' : 'trade_notional_usd';
    return hold(`${gap}, but ${limit} ${formatUsd(budgetUsd)} is below the ${formatUsd(MIN_NOTIONAL_USD)} minimum order`, state);
  }
  const sized = sizeCycle(best.cycle, quotes, budgetUsd, config.fee_bps);
  if (!sized.ok) {
    const { side, symbol } = sized.emptyLeg;
    return hold(`${gap}, but ${formatUsd(budgetUsd)} leaves less than 0.000001 to ${side} on ${symbol}`, state);
  }

  const { cycles, expectedEdgeUsd } = readState(state);
  const edgeUsd = (sized.spentUsd * best.netBps) / 10_000;
  const capped = budgetUsd < config.trade_notional_usd ? ' (capped at buying power)' : '';
  return {
    action: 'buy',
    reason:
      `${gap}: net edge ${formatBps(best.netBps)} bps after ${fees} (threshold ${threshold}); ${describeLegs(sized.legs)}; ` +
      `expected edge ${formatUsd(edgeUsd)} on ${formatUsd(sized.spentUsd)}${capped}`,
    orders: sized.legs.map((leg) => ({ symbol: leg.symbol, side: leg.side, type: 'market', timeInForce: timeInForceFor(leg.symbol), qty: leg.qty })),
    // Each leg spends what the one before bought, so they must go out in order, all or nothing.
    placement: 'unit',
    nextState: {
      ...state,
      cycles: cycles + 1,
      expected_edge_usd: fromCents(toCents(expectedEdgeUsd) + toCents(edgeUsd)),
      last_cycle_at: asOf.toISOString(),
    },
  };
}

export const arbitrageStrategy: StrategyDefinition<ArbitrageConfig, 'arbitrage'> = {
  type: 'arbitrage',
  kind: 'interval',
  intervalSeconds: STRATEGY_INTERVAL_SECONDS.arbitrage,
  supported: true,
  description:
    'Trades a crypto asset quoted two ways (BTC/USD against BTC/USDT × USDT/USD, or the triangle BTC/USD, ETH/USD, ETH/BTC): ' +
    'when going round the three pairs at bid/ask returns more than the fees plus min_edge_bps, places the three market legs as one unit.',
  configSchema: arbitrageConfigSchema,
  // The rule reads only the three quotes; one 1-minute bar keeps the request valid and cheap.
  marketData: (config) => {
    const pairs = arbitragePairs(config.route, config.asset, config.via);
    return { symbol: pairs.primary, timeframe: '1Min', limit: 1, quotes: [...pairs.symbols] };
  },
  decide,
};
