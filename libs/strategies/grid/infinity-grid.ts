import { z } from 'zod';
import { intervalSecondsField, mustBe, positiveUsdField, symbolField } from '../config-fields';
import { exitRuleFields } from '../exit-rule-fields';
import { riskLimitFields } from '../risk-limit-fields';
import { MIN_NOTIONAL_USD } from '../order-sizing';
import { formatPrice, formatQty, formatUsd } from '../reason-format';
import type { GridContext, GridFill, GridLogic, GridOrder, GridReaction, GridStartCheck, GridStartMarket } from './grid-logic';
import { assertFillOnLadder, buyingPowerShortfall, floorQty, ladderView, limitOrder, marketOrder, qtyDecimals, requiredUsd, longRoundTripProfit, unitName, unitsName } from './grid-orders';
import { infinityLadderIssue, infinityLevelAtOrBelow, infinityLevelPrice, MAX_STEP_PCT, MIN_STEP_PCT } from './infinity-levels';

// Levels shown either side of the price: the ladder has no upper end.
const LADDER_WINDOW = 10;

export const infinityGridConfigSchema = z
  .strictObject({
    symbol: symbolField,
    lower_price: positiveUsdField('Lowest grid level, USD; below it the grid stops buying. There is no upper bound.'),
    step_pct: z
      .number({ error: mustBe(`a number from ${MIN_STEP_PCT} to ${MAX_STEP_PCT}`) })
      .min(MIN_STEP_PCT)
      .max(MAX_STEP_PCT)
      .describe('Percent between neighbouring levels (each level is the previous times 1 + step_pct/100).'),
    allocated_capital: positiveUsdField('USD value of the holding the grid keeps constant: it sells a little on every rise and buys on every fall.'),
    interval_seconds: intervalSecondsField,
    ...exitRuleFields,
    ...riskLimitFields,
  })
  .superRefine((config, ctx) => {
    // zod still runs this refinement after a field's own check failed; that field already said so.
    const { lower_price: lower, step_pct: step } = config;
    if (typeof lower !== 'number' || !(lower > 0) || typeof step !== 'number' || !(step >= MIN_STEP_PCT && step <= MAX_STEP_PCT)) return;
    const issue = infinityLadderIssue(config);
    if (issue) ctx.addIssue({ code: 'custom', path: [issue.field], message: issue.message });
  });

export type InfinityGridConfig = z.infer<typeof infinityGridConfigSchema>;

/** Units that keep the holding worth allocated_capital at `level`: V / p. */
function targetUnits(config: InfinityGridConfig, level: number): number {
  return config.allocated_capital / infinityLevelPrice(config, level);
}

/** What the price moving from level k to k+1 sells, and from k to k-1 buys, rounded down to tradable units. */
function sellQtyAbove(config: InfinityGridConfig, level: number, isCrypto: boolean): number {
  return floorQty(targetUnits(config, level) - targetUnits(config, level + 1), isCrypto);
}

function buyQtyBelow(config: InfinityGridConfig, level: number, isCrypto: boolean): number {
  return level > 0 ? floorQty(targetUnits(config, level - 1) - targetUnits(config, level), isCrypto) : 0;
}

/** The pair of orders around level k: a sell one level up and a buy one level down, and notes on any left out. */
function ordersAround(config: InfinityGridConfig, level: number, isCrypto: boolean): { orders: GridOrder[]; notes: string[] } {
  const orders: GridOrder[] = [];
  const notes: string[] = [];
  const { symbol } = config;
  const sellPrice = infinityLevelPrice(config, level + 1);
  const sellQty = sellQtyAbove(config, level, isCrypto);
  if (sellQty > 0) orders.push(limitOrder(symbol, 'sell', level + 1, sellPrice, sellQty, 'close', `sell ${formatQty(sellQty)} at level ${level + 1} (${formatPrice(sellPrice)})`));
  else notes.push(`no sell at level ${level + 1}: it would trade less than one ${unitName(isCrypto)}`);
  if (level === 0) notes.push('no buy below level 0 (lower_price)');
  else {
    const buyPrice = infinityLevelPrice(config, level - 1);
    const buyQty = buyQtyBelow(config, level, isCrypto);
    if (buyQty > 0) orders.push(limitOrder(symbol, 'buy', level - 1, buyPrice, buyQty, 'open', `buy ${formatQty(buyQty)} at level ${level - 1} (${formatPrice(buyPrice)})`));
    else notes.push(`no buy at level ${level - 1}: it would trade less than one ${unitName(isCrypto)}`);
  }
  return { orders, notes };
}

/** Units to buy so the holding is worth allocated_capital; 0 when what is held already comes within a unit (or $1 of crypto). */
function shortfallQty(config: InfinityGridConfig, market: GridStartMarket): number {
  const held = Math.max(0, market.positionQty);
  const qty = floorQty((config.allocated_capital - held * market.price) / market.price, market.isCrypto);
  return market.isCrypto && qty * market.price < MIN_NOTIONAL_USD ? 0 : qty;
}

/**
 * With too small a holding, one market buy for what is missing (its fill places the limits);
 * otherwise the pair of limits around the level at or below the price.
 */
function initialOrders(config: InfinityGridConfig, market: GridStartMarket): GridOrder[] {
  const level = infinityLevelAtOrBelow(config, market.price);
  if (level < 0) return [];
  const missing = shortfallQty(config, market);
  if (missing > 0) {
    const reason = `grid start: market buy ${formatQty(missing)} ${config.symbol} at ~${formatPrice(market.price)} so the holding is worth ${formatUsd(config.allocated_capital)}`;
    return [marketOrder(config.symbol, 'buy', level, missing, market.isCrypto, 'open', reason)];
  }
  return ordersAround(config, level, market.isCrypto).orders.map((order) => ({ ...order, reason: `grid start: ${order.reason}` }));
}

function checkStart(config: InfinityGridConfig, market: GridStartMarket): GridStartCheck {
  const { symbol } = config;
  if (!(market.price > 0)) return { ok: false, error: `no current price for ${symbol}` };
  const level = infinityLevelAtOrBelow(config, market.price);
  if (level < 0) {
    const lowest = formatPrice(infinityLevelPrice(config, 0));
    return {
      ok: false,
      error: `current price ${formatPrice(market.price)} of ${symbol} is below lower_price ${lowest}; the grid needs a level at or below the price to start from`,
    };
  }
  if (sellQtyAbove(config, level, market.isCrypto) <= 0) {
    const perLevel = targetUnits(config, level) - targetUnits(config, level + 1);
    const unit = 10 ** -qtyDecimals(market.isCrypto);
    const needed = Math.ceil(((config.allocated_capital * unit) / perLevel) * 100) / 100;
    return {
      ok: false,
      error:
        `allocated_capital ${formatUsd(config.allocated_capital)} at step_pct ${config.step_pct}% trades ` +
        `${formatQty(perLevel)} ${unitsName(market.isCrypto)} of ${symbol} per level near ${formatPrice(market.price)}, ` +
        `less than one ${unitName(market.isCrypto)}; raise allocated_capital to at least ${formatUsd(needed)} or step_pct`,
    };
  }
  const missing = shortfallQty(config, market);
  const orders = [...(missing > 0 ? [marketOrder(symbol, 'buy', level, missing, market.isCrypto, 'open', '')] : []), ...ordersAround(config, level, market.isCrypto).orders];
  const buys = orders.filter((order) => order.side === 'buy');
  const required = requiredUsd(buys, market.price);
  const what = missing > 0 ? `a market buy of ${formatQty(missing)} ${symbol} and the buy order below it` : 'the buy order below the price';
  const shortfall = buyingPowerShortfall(what, required, market.buyingPower);
  return shortfall ? { ok: false, error: shortfall } : { ok: true, requiredBuyingPower: required };
}

/** Any fill at level k recentres the grid on k: the other orders go, a sell at k+1 and a buy at k-1 replace them. */
function onFill(config: InfinityGridConfig, context: GridContext, fill: GridFill): GridReaction {
  assertFillOnLadder(fill);
  const { orders, notes } = ordersAround(config, fill.level, context.isCrypto);
  const filled = `infinity grid ${fill.side} of ${formatQty(fill.qty)} ${config.symbol} filled at ${formatPrice(fill.price)} on level ${fill.level}`;
  const reason = `${filled}: recentre on level ${fill.level}: ${[...orders.map((order) => order.reason), ...notes].join('; ')}`;
  return { orders: orders.map((order) => ({ ...order, reason })), cancelOtherOpenOrders: true, reason };
}

export const infinityGridLogic: GridLogic<InfinityGridConfig> = {
  type: 'infinity_grid',
  profitUnit: 'usd',
  checkStart,
  initialOrders,
  onFill,
  roundTripProfit: longRoundTripProfit,
  ladder: (config, aroundPrice) => {
    const center = Math.max(0, infinityLevelAtOrBelow(config, aroundPrice));
    const first = Math.max(0, center - LADDER_WINDOW);
    const prices = Array.from({ length: center + LADDER_WINDOW + 1 - first }, (_, index) => infinityLevelPrice(config, first + index));
    return ladderView(prices, first);
  },
};
