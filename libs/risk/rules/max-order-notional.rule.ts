import { formatQty, formatUsd } from '../../strategies/reason-format';
import { projectExposures } from '../order-exposure';
import { whoseLimit } from '../risk-limits';
import { ALLOW, reject, type RiskRule } from '../risk-rule';

// Half a cent: amounts are compared in whole cents.
const CENT_TOLERANCE = 0.005;

/**
 * No single order above the limit (a misplaced zero). An order that only reduces a position is
 * exempt: it is no larger than what is held, and blocking it would trap the user in the position.
 */
export const maxOrderNotionalRule: RiskRule = ({ orders, limits, accountPositionQty, latestPrice }) => {
  const { value: limit, source } = limits.max_order_notional;
  const tooLarge = projectExposures(accountPositionQty, orders, latestPrice).find((e) => e.increase > 0 && e.notional > limit + CENT_TOLERANCE);
  if (!tooLarge) return ALLOW;
  const { order } = tooLarge;
  const size = order.notional !== undefined ? `${formatUsd(order.notional)} of ${order.symbol}` : `${formatQty(tooLarge.qty)} ${order.symbol} (${formatUsd(tooLarge.notional)})`;
  return reject('max_order_notional', `${order.side} order of ${size} is above ${whoseLimit(source)} max_order_notional ${formatUsd(limit)}`, {
    symbol: order.symbol,
    side: order.side,
    order_notional: tooLarge.notional,
    max_order_notional: limit,
    limit_source: source,
  });
};
