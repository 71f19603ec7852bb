import { CredentialsNotFoundError } from '../../libs/broker-accounts/credential-errors';
import type { GridActivityDeps } from './grid-activity.deps';
import type { CancelGridOrdersInput } from './grid-activity.types';
import { cancelGridOrdersAtBroker } from './cancel-grid-orders-at-broker';
import { cancelOpenGridOrders } from './cancel-open-grid-orders';

/**
 * The grid was stopped (deactivated or deleted): cancel its open orders at the broker and forget
 * its start, so a reactivation lays out a fresh grid around the price of that day. Works from the
 * broker's own list too, because a deleted strategy's bot_orders rows are gone with it.
 */
export async function cancelGridOrders(deps: GridActivityDeps, input: CancelGridOrdersInput): Promise<number> {
  let credentials;
  try {
    credentials = await deps.loadCredentials(input.userId);
  } catch (err) {
    if (err instanceof CredentialsNotFoundError) return 0;
    throw err;
  }
  const broker = deps.brokerFor(credentials);
  // The recorded open orders first, then whatever else the broker still holds under the grid's ids.
  const cancelled =
    (await cancelOpenGridOrders(deps, broker, input.strategyId)) + (await cancelGridOrdersAtBroker(broker, input.strategyId, deps.recordBrokerOrder));
  await deps.orders.discardUnsent(input.strategyId);
  await deps.orders.clearGridState(input.strategyId);
  deps.logger.info({ strategy_id: input.strategyId, user_id: input.userId }, `🛑 Grid stopped: cancelled ${cancelled} open orders at the broker`);
  return cancelled;
}
