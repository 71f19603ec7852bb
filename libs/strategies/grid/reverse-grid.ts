import { z } from 'zod';
import { formatPrice, formatQty, formatUsd } from '../reason-format';
import { gridLevels } from './grid-levels';
import type { GridContext, GridFill, GridLogic, GridOrder, GridReaction, GridStartCheck, GridStartMarket } from './grid-logic';
import { assertFillOnLadder, floorQty, ladderView, levelAtOrBelow, limitOrder, marketOrder, noReaction, qtyDecimals, requiredUsd, roundMicro, unitsName } from './grid-orders';
import { ladderConfigShape, refineLadderConfig } from './ladder-config';
import { exitRuleFields } from '../exit-rule-fields';
import { riskLimitFields } from '../risk-limit-fields';
import { levelQty, priceRangeError, sellLevelsAbove, tooSmallLevelError } from './ladder-grid';

export const reverseGridConfigSchema = z
  .strictObject({
    ...ladderConfigShape({
      quantity: 'Units (shares or coins) sold at each level above the price.',
      capital: 'USD value of the inventory sold, split evenly over the levels above the price.',
    }),
    acquire_inventory: z
      .boolean({ error: 'must be true or false' })
      .default(false)
      .describe('false: the account must already hold the inventory; true: buy what is missing at start (one market order).'),
    ...exitRuleFields,
    ...riskLimitFields,
  })
  .superRefine(refineLadderConfig);

export type ReverseGridConfig = z.infer<typeof reverseGridConfigSchema>;

/** The opening sells above `price`: [level, qty], levels too small for one unit left out. */
function sellPlan(config: ReverseGridConfig, levels: readonly number[], price: number, isCrypto: boolean): Array<[number, number]> {
  const sellLevels = sellLevelsAbove(levels, price);
  return sellLevels.map((level): [number, number] => [level, levelQty(config, levels[level], sellLevels.length, isCrypto)]).filter(([, qty]) => qty > 0);
}

function sumQty(plan: ReadonlyArray<[number, number]>, isCrypto: boolean): number {
  const factor = 10 ** qtyDecimals(isCrypto);
  return Math.round(plan.reduce((sum, [, qty]) => sum + qty, 0) * factor) / factor;
}

function inventory(config: ReverseGridConfig, market: GridStartMarket) {
  const plan = sellPlan(config, gridLevels(config), market.price, market.isCrypto);
  const needed = sumQty(plan, market.isCrypto);
  const held = Math.max(0, market.positionQty);
  // Rounded up: a fractional holding of shares still needs whole shares to cover every sell.
  const factor = 10 ** qtyDecimals(market.isCrypto);
  const missing = needed > held ? Math.ceil((needed - held) * factor - 1e-6) / factor : 0;
  return { plan, needed, held, missing };
}

function sells(config: ReverseGridConfig, levels: readonly number[], plan: ReadonlyArray<[number, number]>, why: string): GridOrder[] {
  return plan.map(([level, qty]) => {
    const reason = `${why}: sell ${formatQty(qty)} ${config.symbol} at level ${level} (${formatPrice(levels[level])})`;
    return limitOrder(config.symbol, 'sell', level, levels[level], qty, 'open', reason);
  });
}

/** Sells above the price from held inventory; with too little held, one market buy for the rest (or nothing, see checkStart). */
function initialOrders(config: ReverseGridConfig, market: GridStartMarket): GridOrder[] {
  const { plan, needed, missing } = inventory(config, market);
  if (missing <= 0) return sells(config, gridLevels(config), plan, 'grid start');
  if (!config.acquire_inventory) return [];
  const level = Math.max(0, levelAtOrBelow(gridLevels(config), market.price));
  const reason = `grid start: market buy ${formatQty(missing)} ${config.symbol} at ~${formatPrice(market.price)}, the inventory missing for the ${formatQty(needed)} the grid sells`;
  return [marketOrder(config.symbol, 'buy', level, missing, market.isCrypto, 'open', reason)];
}

function checkStart(config: ReverseGridConfig, market: GridStartMarket): GridStartCheck {
  const levels = gridLevels(config);
  const rangeError = priceRangeError(config.symbol, levels, market.price);
  if (rangeError) return { ok: false, error: rangeError };
  const sellLevels = sellLevelsAbove(levels, market.price);
  if (sellLevels.length === 0) {
    const highest = formatPrice(levels[levels.length - 1]);
    return {
      ok: false,
      error: `no grid level is above the current price ${formatPrice(market.price)} of ${config.symbol} (highest level ${highest}), so the grid would place no sell`,
    };
  }
  const tooSmall = tooSmallLevelError(config, levels, sellLevels, market.isCrypto, { verb: 'sells', levels: 'sell levels' });
  if (tooSmall) return { ok: false, error: tooSmall };
  const { needed, held, missing } = inventory(config, market);
  if (missing <= 0) return { ok: true, requiredBuyingPower: 0 };
  const units = unitsName(market.isCrypto);
  if (!config.acquire_inventory) {
    return {
      ok: false,
      error:
        `the grid sells ${formatQty(needed)} ${units} of ${config.symbol} over ${sellLevels.length} levels but the account holds ${formatQty(held)} ` +
        `(${formatQty(missing)} missing); buy them first or set acquire_inventory to true`,
    };
  }
  const required = requiredUsd(initialOrders(config, market), market.price);
  if (market.buyingPower >= required) return { ok: true, requiredBuyingPower: required };
  return {
    ok: false,
    error:
      `insufficient buying power to acquire the inventory: a market buy of ${formatQty(missing)} ${units} of ${config.symbol} needs ~${formatUsd(required)}, ` +
      `buying power is ${formatUsd(market.buyingPower)} (${formatUsd(required - market.buyingPower)} missing)`,
  };
}

/** Spreads `qty` over the start's sell levels in the start's proportions; what flooring leaves goes to the lowest level. */
function distribute(qty: number, plan: ReadonlyArray<[number, number]>, isCrypto: boolean): Array<[number, number]> {
  const total = sumQty(plan, isCrypto);
  const shares = plan.map(([level, planned]): [number, number] => [level, floorQty((planned * qty) / total, isCrypto)]);
  const leftover = floorQty(qty - sumQty(shares, isCrypto), isCrypto);
  if (shares.length > 0) shares[0][1] = floorQty(shares[0][1] + leftover, isCrypto);
  return shares.filter(([, share]) => share > 0);
}

/**
 * The acquiring buy's fill places the sells. A sell filled at i is bought back at i-1 with all it
 * raised (more units than were sold); that buy filled at i-1 is sold again at i for what it cost
 * (fewer units), so the grid's profit accrues in units of the asset.
 */
function onFill(config: ReverseGridConfig, context: GridContext, fill: GridFill): GridReaction {
  const levels = gridLevels(config);
  assertFillOnLadder(fill, levels.length);
  const { symbol } = config;
  const filled = `reverse grid ${fill.side} of ${formatQty(fill.qty)} ${symbol} filled at ${formatPrice(fill.price)} on level ${fill.level}`;
  if (fill.side === 'buy' && fill.role === 'open') {
    const plan = sellPlan(config, levels, context.startPrice, context.isCrypto);
    const orders = sells(config, levels, distribute(fill.qty, plan, context.isCrypto), `${filled} (inventory acquired)`);
    const reason = `${filled}: inventory acquired, ${orders.map((order) => `sell ${formatQty(order.qty)} at level ${order.level}`).join(', ') || 'no sell level above the start price'}`;
    return { orders: orders.map((order) => ({ ...order, reason })), cancelOtherOpenOrders: false, reason };
  }
  const target = fill.side === 'sell' ? fill.level - 1 : fill.level + 1;
  if (target < 0) return noReaction(`${filled}: level 0 is the bottom of the grid, no level below to buy back at`);
  if (target >= levels.length) return noReaction(`${filled}: level ${fill.level} is the top of the grid, no level above to sell at`);
  const price = levels[target];
  const converted = floorQty((fill.qty * levels[fill.level]) / price, context.isCrypto);
  // A buy-back of whole shares always sells at least one share again, or the round trip would stall.
  const qty = fill.side === 'buy' && !context.isCrypto ? Math.max(1, converted) : converted;
  const side = fill.side === 'sell' ? 'buy' : 'sell';
  if (qty <= 0) return noReaction(`${filled}: ${side} at level ${target} would trade less than one unit; none placed`);
  const reason = `${filled}: ${side} ${formatQty(qty)} at level ${target} (${formatPrice(price)})`;
  return { orders: [limitOrder(symbol, side, target, price, qty, fill.side === 'sell' ? 'close' : 'open', reason)], cancelOtherOpenOrders: false, reason };
}

export const reverseGridLogic: GridLogic<ReverseGridConfig> = {
  type: 'reverse_grid',
  profitUnit: 'asset',
  checkStart,
  initialOrders,
  onFill,
  roundTripProfit: (opening, closing) => {
    if (opening.side !== 'sell' || closing.side !== 'buy') return null;
    const units = Number((closing.qty * (1 - closing.price / opening.price)).toFixed(9)) + 0;
    return { units, usd: roundMicro(units * closing.price) };
  },
  ladder: (config) => ladderView(gridLevels(config)),
};
