import { formatUsd } from '../../strategies/reason-format';
import { projectExposures } from '../order-exposure';
import { ALLOW, reject, type RiskRule } from '../risk-rule';

const CENT_TOLERANCE = 0.005;

/**
 * The orders must fit the account's buying power, as the broker counts it: every buy for its
 * full notional, a sell only for the part that opens a short. Crypto is bought with cash only,
 * so it is held against the non-marginable buying power.
 */
export const insufficientBuyingPowerRule: RiskRule = ({ orders, account, asset, accountPositionQty, latestPrice }) => {
  const needed = projectExposures(accountPositionQty, orders, latestPrice).reduce(
    (sum, e) => sum + (e.order.side === 'buy' ? e.notional : e.increase * e.price),
    0,
  );
  const crypto = asset.assetClass === 'crypto';
  const available = crypto ? account.nonMarginableBuyingPower : account.buyingPower;
  if (needed <= available + CENT_TOLERANCE) return ALLOW;
  const what = crypto ? 'non-marginable buying power (crypto is bought with cash)' : 'buying power';
  return reject('insufficient_buying_power', `the orders need ${formatUsd(needed)} of ${what}, the account has ${formatUsd(available)}`, {
    required: needed,
    available,
    orders: orders.length,
  });
};
