import { formatQty, formatUsd } from '../../strategies/reason-format';
import { projectExposures } from '../order-exposure';
import { whoseLimit } from '../risk-limits';
import { ALLOW, reject, type RiskRule } from '../risk-rule';

const CENT_TOLERANCE = 0.005;

/**
 * The account's position in the symbol (long or short, whoever opened it) may not be worth more
 * than a share of its equity once an order fills. Valued at the order's own price: what it is
 * worth at the moment it fills. Orders that only reduce a position always pass.
 */
export const maxPositionPctRule: RiskRule = ({ orders, limits, account, accountPositionQty, latestPrice }) => {
  const { value: pct, source } = limits.max_position_pct;
  const cap = (Math.max(account.equity, 0) * pct) / 100;
  const over = projectExposures(accountPositionQty, orders, latestPrice).find((e) => e.increase > 0 && Math.abs(e.qtyAfter) * e.price > cap + CENT_TOLERANCE);
  if (!over) return ALLOW;
  const value = Math.abs(over.qtyAfter) * over.price;
  const share = account.equity > 0 ? `${((value / account.equity) * 100).toFixed(1)}% of equity ${formatUsd(account.equity)}` : `with equity ${formatUsd(account.equity)}`;
  return reject(
    'max_position_pct',
    `after ${over.order.side} ${formatQty(over.qty)} ${over.order.symbol} the position would be ${formatQty(over.qtyAfter)} worth ${formatUsd(value)} (${share}), above ${whoseLimit(source)} max_position_pct ${pct}%`,
    { symbol: over.order.symbol, position_qty_after: over.qtyAfter, position_value_after: value, equity: account.equity, max_position_pct: pct, limit_source: source },
  );
};
