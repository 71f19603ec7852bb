import { z } from 'zod';
import type { OrderSide } from '../../contracts';
import { mustBe, wholeNumberField } from '../config-fields';
import { isCryptoSymbol } from '../order-sizing';
import { formatPrice, formatQty } from '../reason-format';
import { gridLevels } from './grid-levels';
import type { GridFill, GridLogic, GridOrder, GridReaction, GridStartCheck, GridStartMarket } from './grid-logic';
import { assertFillOnLadder, buyingPowerShortfall, countOf, counterPlacement, ladderView, limitOrder, noReaction, requiredUsd, roundMicro } from './grid-orders';
import { ladderConfigShape, refineLadderConfig } from './ladder-config';
import { exitRuleFields } from '../exit-rule-fields';
import { riskLimitFields } from '../risk-limit-fields';
import { buyLevelsBelow, levelQty, priceRangeError, sellLevelsAbove, tooSmallLevelError } from './ladder-grid';

export const FUTURES_DIRECTIONS = ['long', 'short', 'neutral'] as const;
export const MAX_LEVERAGE = 5;
const CRYPTO_SHORT_ERROR = 'crypto cannot be sold short (Alpaca does not allow shorting crypto)';

export const futuresGridConfigSchema = z
  .strictObject({
    ...ladderConfigShape({
      quantity: 'Units (shares or coins) each opening order trades.',
      capital: 'USD of buying power split evenly over the opening orders, times leverage.',
    }),
    direction: z
      .enum(FUTURES_DIRECTIONS, { error: mustBe('"long", "short" or "neutral"') })
      .default('long')
      .describe('long: buys below the price, each sold one level up; short: short sells above the price, each bought back one level down; neutral: both, split at the start price.'),
    leverage: wholeNumberField(1, MAX_LEVERAGE, 'Multiplies allocated_capital into the USD the opening orders commit (margin).').default(1),
    ...exitRuleFields,
    ...riskLimitFields,
  })
  .superRefine((config, ctx) => {
    refineLadderConfig(config, ctx);
    if (config.leverage > 1 && config.quantity_per_grid !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['leverage'], message: 'must be 1 with quantity_per_grid (leverage scales allocated_capital)' });
    }
    if (config.direction !== 'long' && isCryptoSymbol(config.symbol)) {
      ctx.addIssue({ code: 'custom', path: ['direction'], message: `must be "long" for ${config.symbol}: ${CRYPTO_SHORT_ERROR}` });
    }
  });

export type FuturesGridConfig = z.infer<typeof futuresGridConfigSchema>;

/** Long buys below the price, short sells above it; neutral does both (long below the start price, short above). */
function openingLevels(config: FuturesGridConfig, levels: readonly number[], price: number): Array<{ level: number; side: OrderSide }> {
  const buys = config.direction === 'short' ? [] : buyLevelsBelow(levels, price).map((level) => ({ level, side: 'buy' as const }));
  const sells = config.direction === 'long' ? [] : sellLevelsAbove(levels, price).map((level) => ({ level, side: 'sell' as const }));
  return [...buys, ...sells];
}

function initialOrders(config: FuturesGridConfig, { price, isCrypto }: GridStartMarket): GridOrder[] {
  const levels = gridLevels(config);
  const opening = openingLevels(config, levels, price);
  return opening.flatMap(({ level, side }) => {
    const qty = levelQty(config, levels[level], opening.length, isCrypto, config.leverage);
    if (qty <= 0) return [];
    const what = side === 'buy' ? `buy ${formatQty(qty)} ${config.symbol}` : `sell ${formatQty(qty)} ${config.symbol} short`;
    const reason = `grid start: ${what} at level ${level} (${formatPrice(levels[level])}), ${side === 'buy' ? 'below' : 'above'} the current ${formatPrice(price)}`;
    return [limitOrder(config.symbol, side, level, levels[level], qty, 'open', reason)];
  });
}

/** Shorting allowed, the price inside the range, a unit per level, and buying power for every opening order at once. */
function checkStart(config: FuturesGridConfig, market: GridStartMarket): GridStartCheck {
  if (config.direction !== 'long' && market.isCrypto) return { ok: false, error: CRYPTO_SHORT_ERROR };
  if (config.direction !== 'long' && !market.shortable) {
    return { ok: false, error: `${config.symbol} cannot be sold short on this account (the broker does not list it as shortable); use direction "long"` };
  }
  const levels = gridLevels(config);
  const rangeError = priceRangeError(config.symbol, levels, market.price);
  if (rangeError) return { ok: false, error: rangeError };
  const opening = openingLevels(config, levels, market.price);
  if (opening.length === 0) {
    const where = config.direction === 'long' ? 'below' : config.direction === 'short' ? 'above' : 'below or above';
    return { ok: false, error: `no grid level is ${where} the current price ${formatPrice(market.price)} of ${config.symbol}, so the ${config.direction} grid would place no opening order` };
  }
  const openingLevelNumbers = opening.map(({ level }) => level);
  const tooSmall = tooSmallLevelError(config, levels, openingLevelNumbers, market.isCrypto, { verb: 'trades', levels: 'opening levels', leverage: config.leverage });
  if (tooSmall) return { ok: false, error: tooSmall };
  const orders = initialOrders(config, market);
  const buys = orders.filter((order) => order.side === 'buy').length;
  const sells = orders.length - buys;
  const what = [buys > 0 ? countOf(buys, 'buy order') : '', sells > 0 ? countOf(sells, 'short sell order') : ''].filter(Boolean).join(' and ');
  const required = requiredUsd(orders, market.price);
  const shortfall = buyingPowerShortfall(what, required, market.buyingPower);
  return shortfall ? { ok: false, error: shortfall } : { ok: true, requiredBuyingPower: required };
}

/**
 * Every fill is answered one level away with the quantity that filled: an opening buy by a sell
 * one level up, an opening short sell by a buy one level down, and each closing order by the
 * opening order it completed, so both sides of a neutral grid keep cycling on their own.
 */
function onFill(config: FuturesGridConfig, _context: unknown, fill: GridFill): GridReaction {
  const levels = gridLevels(config);
  assertFillOnLadder(fill, levels.length);
  const book = fill.side === 'buy' ? (fill.role === 'open' ? 'long' : 'short') : fill.role === 'open' ? 'short' : 'long';
  const filled = `futures grid (${book}) ${fill.side} of ${formatQty(fill.qty)} ${config.symbol} filled at ${formatPrice(fill.price)} on level ${fill.level}`;
  const counter = counterPlacement(fill);
  if (counter.level < 0) return noReaction(`${filled}: level 0 is the bottom of the grid, no level below to buy at`);
  if (counter.level >= levels.length) return noReaction(`${filled}: level ${fill.level} is the top of the grid, no level above to sell at`);
  const price = levels[counter.level];
  const short = counter.side === 'sell' && counter.role === 'open' ? ' short' : '';
  const reason = `${filled}: ${counter.side} ${formatQty(fill.qty)}${short} at level ${counter.level} (${formatPrice(price)})`;
  return { orders: [limitOrder(config.symbol, counter.side, counter.level, price, fill.qty, counter.role, reason)], cancelOtherOpenOrders: false, reason };
}

export const futuresGridLogic: GridLogic<FuturesGridConfig> = {
  type: 'futures_grid',
  profitUnit: 'usd',
  checkStart,
  initialOrders,
  onFill,
  roundTripProfit: (opening, closing) => {
    if (opening.side === closing.side) return null;
    const [buy, sell] = opening.side === 'buy' ? [opening, closing] : [closing, opening];
    return { usd: roundMicro((sell.price - buy.price) * closing.qty), units: 0 };
  },
  ladder: (config) => ladderView(gridLevels(config)),
};
