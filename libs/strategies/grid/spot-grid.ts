import { z } from 'zod';
import type { OrderIntent, OrderSide } from '../../contracts';
import { intervalSecondsField, mustBe, positiveUsdField, symbolField, wholeNumberField } from '../config-fields';
import { CRYPTO_QTY_DECIMALS, floorTo, isCryptoSymbol } from '../order-sizing';
import { formatPrice, formatQty } from '../reason-format';
import { GRID_SPACINGS, gridBoundsIssues, gridLadderIssues, gridLevels, MAX_GRID_COUNT, MIN_GRID_COUNT } from './grid-levels';

export const spotGridConfigSchema = z
  .strictObject({
    symbol: symbolField,
    lower_price: positiveUsdField('Lowest grid level, USD.'),
    upper_price: positiveUsdField('Highest grid level, USD.'),
    grid_count: wholeNumberField(MIN_GRID_COUNT, MAX_GRID_COUNT, 'Number of price levels, lower_price and upper_price included.'),
    spacing: z
      .enum(GRID_SPACINGS, { error: mustBe('"arithmetic" or "geometric"') })
      .default('arithmetic')
      .describe('arithmetic: levels the same USD apart; geometric: the same percent apart.'),
    quantity_per_grid: z
      .number({ error: mustBe('a number greater than 0') })
      .positive()
      .optional()
      .describe('Units (shares or coins) bought at each level; set this or allocated_capital.'),
    allocated_capital: positiveUsdField('USD split evenly over the initial buy levels; set this or quantity_per_grid.').optional(),
    interval_seconds: intervalSecondsField,
  })
  .superRefine((config, ctx) => {
    const sizing = [config.quantity_per_grid, config.allocated_capital].filter((v) => v !== undefined).length;
    if (sizing === 0) ctx.addIssue({ code: 'custom', path: [], message: 'must set exactly one of quantity_per_grid or allocated_capital' });
    if (sizing === 2) {
      ctx.addIssue({ code: 'custom', path: ['allocated_capital'], message: 'must not be set together with quantity_per_grid; set exactly one' });
    }
    // Grid orders are gtc limit orders, and Alpaca takes fractional equity quantities only on market day orders.
    if (config.quantity_per_grid !== undefined && !isCryptoSymbol(config.symbol) && !Number.isInteger(config.quantity_per_grid)) {
      ctx.addIssue({
        code: 'custom',
        path: ['quantity_per_grid'],
        message: 'must be a whole number of shares for equities (Alpaca allows fractional quantities only on market day orders)',
      });
    }
    // zod still runs this refinement after a field's range check failed; those fields already said so.
    if (gridBoundsIssues(config).length > 0) return;
    for (const issue of gridLadderIssues(config)) ctx.addIssue({ code: 'custom', path: [issue.field], message: issue.message });
  });

export type SpotGridConfig = z.infer<typeof spotGridConfigSchema>;

/** A gtc limit order resting on one level of the ladder (index into `gridLevels`, 0 = lowest). */
export interface GridOrder extends OrderIntent {
  type: 'limit';
  timeInForce: 'gtc';
  qty: number;
  limitPrice: number;
  level: number;
  reason: string;
}

export interface GridFill {
  side: OrderSide;
  /** Level of the order that filled. */
  level: number;
  /** Units filled so far; a partial fill's counter order covers only this. */
  filledQty: number;
  /** Average fill price, USD. */
  price: number;
}

export interface GridMarket {
  isCrypto: boolean;
}

function qtyDecimals({ isCrypto }: GridMarket): number {
  return isCrypto ? CRYPTO_QTY_DECIMALS : 0;
}

function gridOrder(config: SpotGridConfig, side: OrderSide, level: number, price: number, qty: number, reason: string): GridOrder {
  return { symbol: config.symbol, side, type: 'limit', timeInForce: 'gtc', qty, limitPrice: price, level, reason };
}

/**
 * Levels that get a buy at start: strictly below the current price (a buy at or above it would
 * fill at once as a market-priced order) and never the top level, which has no level above it to
 * sell at.
 */
export function initialBuyLevels(levels: readonly number[], currentPrice: number): number[] {
  return levels.flatMap((price, index) => (price < currentPrice && index < levels.length - 1 ? [index] : []));
}

/** Units bought at `price` on one level: quantity_per_grid, or allocated_capital split evenly in USD over `buyLevelCount` levels. */
export function levelQty(config: SpotGridConfig, price: number, buyLevelCount: number, market: GridMarket): number {
  const decimals = qtyDecimals(market);
  if (config.quantity_per_grid !== undefined) return floorTo(config.quantity_per_grid, decimals);
  const perLevelUsd = (config.allocated_capital ?? 0) / buyLevelCount;
  return floorTo(perLevelUsd / price, decimals);
}

/**
 * The grid's opening orders: one buy limit per level below the current price. Levels whose
 * share of allocated_capital buys less than one unit are left out (validateGridAgainstMarket
 * explains that case before the grid starts).
 */
export function initialGridOrders(config: SpotGridConfig, currentPrice: number, market: GridMarket): GridOrder[] {
  const levels = gridLevels(config);
  const buyLevels = initialBuyLevels(levels, currentPrice);
  return buyLevels.flatMap((level) => {
    const price = levels[level];
    const qty = levelQty(config, price, buyLevels.length, market);
    if (qty <= 0) return [];
    return [gridOrder(config, 'buy', level, price, qty, `grid start: buy ${formatQty(qty)} ${config.symbol} at level ${level} (${formatPrice(price)}), below the current ${formatPrice(currentPrice)}`)];
  });
}

/**
 * The order that answers a fill: a buy filled at level i is sold one level up (i+1), a sell
 * filled at level i+1 is bought back one level down (i), each for the quantity that filled.
 * Null when the answering level would be outside the ladder.
 */
export function counterOrder(config: SpotGridConfig, levels: readonly number[], fill: GridFill): GridOrder | null {
  if (!Number.isInteger(fill.level) || fill.level < 0 || fill.level >= levels.length) {
    throw new RangeError(`fill level ${fill.level} is not a level of this ${levels.length}-level grid`);
  }
  if (!(fill.filledQty > 0)) throw new RangeError(`fill quantity must be greater than 0, got ${fill.filledQty}`);
  const target = fill.side === 'buy' ? fill.level + 1 : fill.level - 1;
  if (target < 0 || target >= levels.length) return null;
  const side: OrderSide = fill.side === 'buy' ? 'sell' : 'buy';
  const price = levels[target];
  const qty = fill.filledQty;
  const reason =
    `grid ${fill.side} of ${formatQty(qty)} ${config.symbol} filled at ${formatPrice(fill.price)} on level ${fill.level}: ` +
    `${side} ${formatQty(qty)} at level ${target} (${formatPrice(price)})`;
  return gridOrder(config, side, target, price, qty, reason);
}

/** Realised profit of one buy->sell round trip, USD before fees; rounded to 1e-6 to drop float noise. */
export function roundTripProfit(buyPrice: number, sellPrice: number, qty: number): number {
  // `+ 0` turns a rounded -0 into 0, so a break-even trip never reads as "-0".
  return Math.round((sellPrice - buyPrice) * qty * 1e6) / 1e6 + 0;
}
