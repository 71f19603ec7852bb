import { whoseLimit } from '../risk-limits';
import { ALLOW, reject, type RiskRule } from '../risk-rule';

/** A strategy that keeps placing orders without their filling or being cancelled is running away. */
export const maxOpenOrdersRule: RiskRule = ({ orders, openOrders, limits }) => {
  const { value: limit, source } = limits.max_open_orders;
  const total = openOrders + orders.length;
  if (total <= limit) return ALLOW;
  return reject('max_open_orders', `${openOrders} open orders and ${orders.length} new would make ${total}, above ${whoseLimit(source)} max_open_orders ${limit}`, {
    open_orders: openOrders,
    new_orders: orders.length,
    max_open_orders: limit,
    limit_source: source,
  });
};
