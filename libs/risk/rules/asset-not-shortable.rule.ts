import { formatQty } from '../../strategies/reason-format';
import { projectExposures } from '../order-exposure';
import { ALLOW, reject, type RiskRule } from '../risk-rule';

/**
 * A sell beyond what the account holds opens a short position, which needs an asset the broker
 * lends (easy to borrow). Crypto can never be sold short on Alpaca.
 */
export const assetNotShortableRule: RiskRule = ({ orders, asset, accountPositionQty, latestPrice }) => {
  if (asset.shortable && asset.assetClass !== 'crypto') return ALLOW;
  const shortSale = projectExposures(accountPositionQty, orders, latestPrice).find((e) => e.order.side === 'sell' && e.qtyAfter < 0 && e.increase > 0);
  if (!shortSale) return ALLOW;
  const { symbol } = shortSale.order;
  const why = asset.assetClass === 'crypto' ? 'crypto cannot be sold short' : `${symbol} cannot be sold short at the broker (not easy to borrow)`;
  return reject('asset_not_shortable', `selling ${formatQty(shortSale.qty)} ${symbol} with ${formatQty(shortSale.qtyBefore)} held would open a short position, and ${why}`, {
    symbol,
    sell_qty: shortSale.qty,
    position_qty: shortSale.qtyBefore,
    short_qty: -shortSale.qtyAfter,
  });
};
