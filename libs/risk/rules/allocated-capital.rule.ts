import { formatQty, formatUsd } from '../../strategies/reason-format';
import { projectExposures } from '../order-exposure';
import { ALLOW, reject, type RiskRule } from '../risk-rule';

const CENT_TOLERANCE = 0.005;

/**
 * The strategy's own position may not outgrow its allocated capital. It is measured two ways,
 * and only exceeding both blocks the order: by what the strategy put in (a DCA whose buys rose in
 * value has not overspent) and by what the position is worth at the order's price (an infinity
 * grid that buys the dip keeps its holding's value, not its cost, at allocated_capital). A strategy
 * that runs away grows both. Orders that only reduce the position always pass.
 */
export const allocatedCapitalRule: RiskRule = ({ orders, strategyCapital, strategyPosition, latestPrice }) => {
  if (strategyCapital === undefined) return ALLOW;
  for (const exposure of projectExposures(strategyPosition.qty, orders, latestPrice)) {
    if (exposure.increase <= 0) continue;
    const cost = Math.abs(strategyPosition.netInvested + exposure.netNotionalAfter);
    const value = Math.abs(exposure.qtyAfter) * exposure.price;
    if (Math.min(cost, value) <= strategyCapital + CENT_TOLERANCE) continue;
    const { order } = exposure;
    return reject(
      'allocated_capital',
      `after ${order.side} ${formatQty(exposure.qty)} ${order.symbol} the strategy's position would cost ${formatUsd(cost)} and be worth ${formatUsd(value)}, above its allocated capital ${formatUsd(strategyCapital)}`,
      { symbol: order.symbol, position_qty_after: exposure.qtyAfter, position_cost_after: cost, position_value_after: value, allocated_capital: strategyCapital },
    );
  }
  return ALLOW;
};
