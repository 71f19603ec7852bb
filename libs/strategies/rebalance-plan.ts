import type { BasketHolding, BasketValuation } from './basket-valuation';
import { affordableQty, floorTo, toCents } from './order-sizing';
import { formatPrice, formatQty, formatUsd } from './reason-format';

const HALF_CENT = 0.005;

export interface PlannedSell {
  symbol: string;
  /** Units: whole shares, or 1e-6 of a coin. */
  qty: number;
  /** USD expected at the latest price. */
  proceeds: number;
}

export interface PlannedBuy {
  symbol: string;
  /** USD notional. */
  notional: number;
}

export interface RebalancePlan {
  sells: PlannedSell[];
  buys: PlannedBuy[];
  /** Why a symbol gets no order, e.g. "DIA (delta $4.20 below $10.00 minimum)". */
  skipped: string[];
  /** Set when the buys were scaled down to the money available, saying by how much and why. */
  scaled?: string;
}

export interface PlanLimits {
  /** USD; smaller trades are skipped. */
  minTradeUsd: number;
  /** USD the account can spend before the sells' proceeds. */
  buyingPower: number;
}

/**
 * Every trade that moves the basket to its targets: sells of overweight symbols first (their
 * proceeds fund the buys), then USD notional buys of underweight ones. The buys never spend more
 * than the sells raise plus the uninvested allocation, nor more than the buying power plus the
 * sells' proceeds; when either is short, every buy shrinks by the same proportion.
 */
export function planRebalance(valuation: BasketValuation, limits: PlanLimits): RebalancePlan {
  const minimum = formatUsd(limits.minTradeUsd);
  const sells: PlannedSell[] = [];
  const gaps: { holding: BasketHolding; usd: number }[] = [];
  const skipped: string[] = [];
  for (const holding of valuation.holdings) {
    const delta = (holding.targetPct / 100) * valuation.total - holding.value;
    // Under half a cent off is on target, not a skipped trade worth mentioning.
    if (Math.abs(delta) < HALF_CENT) continue;
    if (Math.abs(delta) < limits.minTradeUsd) {
      skipped.push(`${holding.symbol} (delta ${formatUsd(delta)} below ${minimum} minimum)`);
    } else if (delta > 0) {
      gaps.push({ holding, usd: delta });
    } else {
      const sell = sellFor(holding, -delta);
      if (sell.qty <= 0) skipped.push(`${holding.symbol} (selling ${formatUsd(-delta)} is less than one share at ${formatPrice(holding.price)})`);
      else if (sell.proceeds < limits.minTradeUsd) skipped.push(`${holding.symbol} (sell ${formatQty(sell.qty)} is ${formatUsd(sell.proceeds)}, below ${minimum} minimum)`);
      else sells.push(sell);
    }
  }
  const proceeds = sells.reduce((sum, sell) => sum + sell.proceeds, 0);
  const { factor, scaled } = buyScale(gaps.reduce((sum, gap) => sum + gap.usd, 0), proceeds, valuation.uninvested, limits.buyingPower);
  const buys: PlannedBuy[] = [];
  for (const { holding, usd } of gaps) {
    const notional = floorTo(usd * factor, 2);
    if (notional < limits.minTradeUsd) skipped.push(`${holding.symbol} (buy ${formatUsd(notional)} after scaling below ${minimum} minimum)`);
    else buys.push({ symbol: holding.symbol, notional });
  }
  return { sells, buys, skipped, ...(scaled ? { scaled } : {}) };
}

// The units `usd` is worth, rounded down as a buy would be (whole shares for equities, so a
// fractional remainder stays; 1e-6 of a coin); never more than held.
function sellFor(holding: BasketHolding, usd: number): PlannedSell {
  const qty = Math.min(affordableQty(usd, holding.price, holding.symbol), holding.qty);
  return { symbol: holding.symbol, qty, proceeds: qty * holding.price };
}

function buyScale(wanted: number, proceeds: number, uninvested: number, buyingPower: number): { factor: number; scaled?: string } {
  const funds = uninvested + proceeds;
  const power = Math.max(0, buyingPower) + proceeds;
  const available = Math.min(funds, power);
  // Cents, so float noise in the weights never scales a buy that fits.
  if (wanted <= 0 || toCents(wanted) <= toCents(available)) return { factor: 1 };
  const factor = available / wanted;
  if (power < funds) {
    const pct = `${(Math.floor(factor * 1000) / 10).toFixed(1)}%`;
    const fromSells = proceeds > 0 ? ` + ${formatUsd(proceeds)} from sells` : '';
    return { factor, scaled: `buying power short: buys scaled to ${pct} of ${formatUsd(wanted)} to fit buying power ${formatUsd(Math.max(0, buyingPower))}${fromSells}` };
  }
  // Sells round down (whole shares, 1e-6 coin) and small ones are skipped, so they may raise less than the gaps.
  const cash = uninvested >= 0.01 ? ` plus ${formatUsd(uninvested)} uninvested` : '';
  return { factor, scaled: `buys limited to the ${formatUsd(proceeds)} raised by sells${cash}` };
}
