import { opensExposure } from '../order-exposure';
import { whoseLimit } from '../risk-limits';
import { ALLOW, reject, type RiskRule } from '../risk-rule';

const MINUTE_MS = 60_000;

/**
 * After a stop-loss exit the strategy opens nothing for a while, so it does not buy straight back
 * into the move that stopped it out. Orders that only reduce a position still go.
 */
export const stopLossCooldownRule: RiskRule = ({ orders, now, lastStopLossAt, limits, accountPositionQty, latestPrice }) => {
  const { value: minutes, source } = limits.stop_loss_cooldown_minutes;
  if (!lastStopLossAt || minutes <= 0) return ALLOW;
  const until = new Date(lastStopLossAt.getTime() + minutes * MINUTE_MS);
  if (now >= until || !opensExposure(accountPositionQty, orders, latestPrice)) return ALLOW;
  const ago = Math.floor((now.getTime() - lastStopLossAt.getTime()) / MINUTE_MS);
  return reject(
    'stop_loss_cooldown',
    `a stop-loss closed this strategy's position ${ago} min ago; ${whoseLimit(source)} stop_loss_cooldown_minutes ${minutes} allows new positions from ${until.toISOString()}`,
    { last_stop_loss_at: lastStopLossAt.toISOString(), cooldown_minutes: minutes, cooldown_until: until.toISOString(), limit_source: source },
  );
};
