import { formatUsd } from '../../strategies/reason-format';
import { opensExposure } from '../order-exposure';
import { whoseLimit, type EffectiveLimit } from '../risk-limits';
import { ALLOW, reject, type RiskRule, type RiskVerdict } from '../risk-rule';

function check(scope: 'strategy' | 'user', realized: number, limit: EffectiveLimit | undefined): RiskVerdict {
  if (!limit || realized > -limit.value) return ALLOW;
  const who = scope === 'strategy' ? 'this strategy' : 'your strategies';
  return reject(
    'max_daily_loss',
    `${who} realised ${formatUsd(realized)} today, a loss at or beyond ${whoseLimit(limit.source)} max_daily_loss ${formatUsd(limit.value)}; no new positions until the next trading day`,
    { scope, realized_pnl_today: realized, max_daily_loss: limit.value, limit_source: limit.source },
  );
}

/**
 * Once the day's realised loss, of the strategy or of all the user's strategies, reaches its
 * limit, nothing new is opened until the next trading day (New York midnight). Orders that only
 * reduce a position still go: blocking them would keep the user in the losing trade.
 */
export const maxDailyLossRule: RiskRule = ({ orders, realizedPnlToday, limits, accountPositionQty, latestPrice }) => {
  if (!opensExposure(accountPositionQty, orders, latestPrice)) return ALLOW;
  const own = check('strategy', realizedPnlToday.strategy, limits.max_daily_loss_strategy);
  return own.allow ? check('user', realizedPnlToday.user, limits.max_daily_loss_user) : own;
};
