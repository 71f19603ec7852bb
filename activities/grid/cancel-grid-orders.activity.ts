import { BrokerNotFoundError, OrderRejectedError } from '../../libs/broker/broker.errors';
import { CredentialsNotFoundError } from '../../libs/broker-accounts/credential-errors';
import type { GridActivityDeps } from './grid-activity.deps';
import type { CancelGridOrdersInput } from './grid-activity.types';
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
  let cancelled = await cancelOpenGridOrders(deps, broker, input.strategyId);
  const prefix = `ag-${input.strategyId.replace(/-/g, '')}-`;
  for (const order of await broker.listOrders('open')) {
    if (!order.clientOrderId.startsWith(prefix)) continue;
    try {
      await broker.cancelOrder(order.id);
      cancelled += 1;
    } catch (err) {
      if (!(err instanceof OrderRejectedError || err instanceof BrokerNotFoundError)) throw err;
    }
  }
  await deps.orders.discardUnsent(input.strategyId);
  await deps.orders.clearGridState(input.strategyId);
  deps.logger.info({ strategy_id: input.strategyId, user_id: input.userId }, `🛑 Grid stopped: cancelled ${cancelled} open orders at the broker`);
  return cancelled;
}
