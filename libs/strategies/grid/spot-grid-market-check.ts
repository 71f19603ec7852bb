import { isCryptoSymbol } from '../order-sizing';
import { formatPrice, formatUsd } from '../reason-format';
import { gridLevels } from './grid-levels';
import { initialBuyLevels, initialGridOrders, levelQty, type GridMarket, type SpotGridConfig } from './spot-grid';

export type GridMarketCheck =
  | { ok: true; levels: number[]; requiredBuyingPower: number }
  | { ok: false; error: string };

function unitName(market: GridMarket): string {
  return market.isCrypto ? 'unit' : 'share';
}

/**
 * Checks a valid configuration against the market at start: the price must sit inside the grid,
 * at least one level must be below it, every buy level must afford at least one unit, and the
 * buying power must cover all opening buys at once (they rest on the book together).
 * `market` defaults to what the symbol looks like (BTC/USD is crypto).
 */
export function validateGridAgainstMarket(
  config: SpotGridConfig,
  currentPrice: number,
  buyingPower: number,
  market: GridMarket = { isCrypto: isCryptoSymbol(config.symbol) },
): GridMarketCheck {
  const levels = gridLevels(config);
  const lower = levels[0];
  const upper = levels[levels.length - 1];
  const range = `${formatPrice(lower)}-${formatPrice(upper)}`;
  if (!(currentPrice > 0)) return { ok: false, error: `no current price for ${config.symbol}` };
  if (currentPrice < lower || currentPrice > upper) {
    const where = currentPrice < lower ? 'below' : 'above';
    return {
      ok: false,
      error: `current price ${formatPrice(currentPrice)} of ${config.symbol} is ${where} the grid range ${range}; choose lower_price and upper_price around it`,
    };
  }
  const buyLevels = initialBuyLevels(levels, currentPrice);
  if (buyLevels.length === 0) {
    return {
      ok: false,
      error: `no grid level is below the current price ${formatPrice(currentPrice)} of ${config.symbol} (lowest level ${formatPrice(lower)}), so the grid would place no buy`,
    };
  }
  const tooSmall = buyLevels.find((level) => levelQty(config, levels[level], buyLevels.length, market) <= 0);
  if (tooSmall !== undefined) {
    const perLevel = formatUsd((config.allocated_capital ?? 0) / buyLevels.length);
    return {
      ok: false,
      error:
        `allocated_capital ${formatUsd(config.allocated_capital ?? 0)} split over ${buyLevels.length} buy levels (${perLevel} each) ` +
        `buys less than one ${unitName(market)} of ${config.symbol} at level ${tooSmall} (${formatPrice(levels[tooSmall])}); raise allocated_capital or lower grid_count`,
    };
  }
  const requiredCents = initialGridOrders(config, currentPrice, market).reduce(
    (sum, order) => sum + Math.ceil(order.qty * order.limitPrice * 100 - 1e-6),
    0,
  );
  const required = requiredCents / 100;
  if (buyingPower < required) {
    return {
      ok: false,
      error:
        `insufficient buying power for the whole grid: ${buyLevels.length} buy orders need ${formatUsd(required)}, ` +
        `buying power is ${formatUsd(buyingPower)} (${formatUsd(required - buyingPower)} missing)`,
    };
  }
  return { ok: true, levels, requiredBuyingPower: required };
}
