import { ALLOW, reject, type RiskRule } from '../risk-rule';

/** The broker halted or delisted the asset: every order for it would be refused. */
export const assetNotTradableRule: RiskRule = ({ orders, asset }) => {
  if (asset.tradable || orders.length === 0) return ALLOW;
  const symbol = orders[0].symbol;
  return reject('asset_not_tradable', `${symbol} is not tradable at the broker (halted or delisted)`, { symbol, asset_class: asset.assetClass });
};
