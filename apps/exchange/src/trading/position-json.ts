import { findAsset, positionSymbol } from '../market/asset-catalog';
import type { PriceBook } from '../market/price-book';
import type { PositionRecord } from '../store/records';
import { formatDecimal } from './decimal';

/**
 * A position in Alpaca's shape; crypto symbols without the slash, as Alpaca reports them. A short
 * has a negative qty, market value and cost basis; its P/L grows as the price falls.
 * `availableQty` is signed like the position (see Ledger.positionQtyAvailable).
 */
export function toPositionJson(position: PositionRecord, prices: PriceBook, availableQty: number): Record<string, unknown> {
  const asset = findAsset(position.symbol);
  if (!asset) throw new Error(`position in unknown asset ${position.symbol}`);
  const now = Date.now();
  const current = prices.price(asset, now);
  // "Last day" is the previous UTC midnight on the same path.
  const lastday = prices.price(asset, Math.floor(now / 86_400_000) * 86_400_000);
  const marketValue = position.qty * current;
  const costBasis = position.qty * position.avgEntryPrice;
  const pl = marketValue - costBasis;
  const intradayPl = position.qty * (current - lastday);
  const lastdayValue = Math.abs(position.qty * lastday);
  return {
    asset_id: asset.id,
    symbol: positionSymbol(asset),
    exchange: asset.exchange,
    asset_class: asset.assetClass,
    asset_marginable: asset.assetClass === 'us_equity',
    qty: formatDecimal(position.qty),
    qty_available: formatDecimal(availableQty),
    side: position.qty < 0 ? 'short' : 'long',
    avg_entry_price: formatDecimal(position.avgEntryPrice, 6),
    market_value: formatDecimal(marketValue, 2),
    cost_basis: formatDecimal(costBasis, 2),
    unrealized_pl: formatDecimal(pl, 2),
    unrealized_plpc: formatDecimal(costBasis === 0 ? 0 : pl / Math.abs(costBasis), 6),
    unrealized_intraday_pl: formatDecimal(intradayPl, 2),
    unrealized_intraday_plpc: formatDecimal(lastdayValue === 0 ? 0 : intradayPl / lastdayValue, 6),
    current_price: formatDecimal(current, 6),
    lastday_price: formatDecimal(lastday, 6),
    change_today: formatDecimal(lastday === 0 ? 0 : (current - lastday) / lastday, 6),
  };
}
