import { z } from 'zod';
import { formatPrice, formatQty } from '../reason-format';
import { gridLevels } from './grid-levels';
import type { GridFill, GridLogic, GridOrder, GridReaction, GridStartCheck, GridStartMarket } from './grid-logic';
import {
  assertFillOnLadder,
  buyingPowerShortfall,
  countOf,
  counterPlacement,
  ladderView,
  limitOrder,
  noReaction,
  requiredUsd,
  longRoundTripProfit,
} from './grid-orders';
import { ladderConfigShape, refineLadderConfig } from './ladder-config';
import { exitRuleFields } from '../exit-rule-fields';
import { riskLimitFields } from '../risk-limit-fields';
import { buyLevelsBelow, levelQty, priceRangeError, tooSmallLevelError } from './ladder-grid';

export const spotGridConfigSchema = z
  .strictObject({
    ...ladderConfigShape({
      quantity: 'Units (shares or coins) bought at each level.',
      capital: 'USD split evenly over the initial buy levels.',
    }),
    ...exitRuleFields,
    ...riskLimitFields,
  })
  .superRefine(refineLadderConfig);

export type SpotGridConfig = z.infer<typeof spotGridConfigSchema>;

/**
 * The grid's opening orders: one buy limit per level below the current price. Levels whose share
 * of allocated_capital buys less than one unit are left out (checkStart explains that case).
 */
function initialOrders(config: SpotGridConfig, { price, isCrypto }: GridStartMarket): GridOrder[] {
  const levels = gridLevels(config);
  const buyLevels = buyLevelsBelow(levels, price);
  return buyLevels.flatMap((level) => {
    const qty = levelQty(config, levels[level], buyLevels.length, isCrypto);
    if (qty <= 0) return [];
    const reason = `grid start: buy ${formatQty(qty)} ${config.symbol} at level ${level} (${formatPrice(levels[level])}), below the current ${formatPrice(price)}`;
    return [limitOrder(config.symbol, 'buy', level, levels[level], qty, 'open', reason)];
  });
}

/**
 * The price must sit inside the grid with at least one level below it, every buy level must
 * afford a unit, and the buying power must cover all opening buys at once (they rest together).
 */
function checkStart(config: SpotGridConfig, market: GridStartMarket): GridStartCheck {
  const levels = gridLevels(config);
  const rangeError = priceRangeError(config.symbol, levels, market.price);
  if (rangeError) return { ok: false, error: rangeError };
  const buyLevels = buyLevelsBelow(levels, market.price);
  if (buyLevels.length === 0) {
    return {
      ok: false,
      error: `no grid level is below the current price ${formatPrice(market.price)} of ${config.symbol} (lowest level ${formatPrice(levels[0])}), so the grid would place no buy`,
    };
  }
  const tooSmall = tooSmallLevelError(config, levels, buyLevels, market.isCrypto, { verb: 'buys', levels: 'buy levels' });
  if (tooSmall) return { ok: false, error: tooSmall };
  const required = requiredUsd(initialOrders(config, market), market.price);
  const shortfall = buyingPowerShortfall(countOf(buyLevels.length, 'buy order'), required, market.buyingPower);
  return shortfall ? { ok: false, error: shortfall } : { ok: true, requiredBuyingPower: required };
}

/**
 * A buy filled at level i is sold one level up (i+1), a sell filled at i+1 is bought back one
 * level down (i), each for the quantity that filled. Nothing at the ladder's ends.
 */
function onFill(config: SpotGridConfig, _context: unknown, fill: GridFill): GridReaction {
  const levels = gridLevels(config);
  assertFillOnLadder(fill, levels.length);
  const filled = `grid ${fill.side} of ${formatQty(fill.qty)} ${config.symbol} filled at ${formatPrice(fill.price)} on level ${fill.level}`;
  const counter = counterPlacement(fill);
  if (counter.level < 0) return noReaction(`${filled}: level 0 is the bottom of the grid, no level below to buy back at`);
  if (counter.level >= levels.length) return noReaction(`${filled}: level ${fill.level} is the top of the grid, no level above to sell at`);
  const price = levels[counter.level];
  const reason = `${filled}: ${counter.side} ${formatQty(fill.qty)} at level ${counter.level} (${formatPrice(price)})`;
  return { orders: [limitOrder(config.symbol, counter.side, counter.level, price, fill.qty, counter.role, reason)], cancelOtherOpenOrders: false, reason };
}

export const spotGridLogic: GridLogic<SpotGridConfig> = {
  type: 'spot_grid',
  profitUnit: 'usd',
  checkStart,
  initialOrders,
  onFill,
  roundTripProfit: longRoundTripProfit,
  ladder: (config) => ladderView(gridLevels(config)),
};
