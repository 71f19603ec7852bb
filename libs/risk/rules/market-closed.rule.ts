import { ALLOW, reject, type RiskRule } from '../risk-rule';

/**
 * A market order for an equity sent while the market is closed waits at the broker and fills at
 * the next open, at a price the strategy never saw: hold until the market is open. Limit orders
 * may rest overnight (a grid's ladder does), since they cannot fill beyond their price; crypto
 * trades around the clock.
 */
export const marketClosedRule: RiskRule = ({ orders, asset, market }) => {
  if (asset.assetClass !== 'us_equity' || market.isOpen) return ALLOW;
  const marketOrders = orders.filter((order) => order.type === 'market');
  if (marketOrders.length === 0) return ALLOW;
  const symbol = marketOrders[0].symbol;
  const reopens = market.nextOpen ? `; it opens at ${market.nextOpen}` : '';
  return reject('market_closed', `the equity market is closed, so the market order for ${symbol} waits for the open${reopens}`, {
    symbol,
    next_open: market.nextOpen,
    market_orders: marketOrders.length,
  });
};
