import { clientOrderId, type OrderIntent } from '../../../libs/contracts';
import { formatQty } from '../../../libs/strategies/reason-format';
import { awaitFill } from './await-fill';
import type { UnitFailure } from './place-unit';
import type { UnitDeps } from './send-leg';

export interface EndedUnit {
  strategyId: string;
  runNumber: number;
  legs: readonly OrderIntent[];
  /** The strategy was deactivated: a leg not sent was held back by the stop, not by a failure. */
  stopped: boolean;
}

/**
 * The first leg of a unit whose run ended that did not fill, as the broker has it: a leg still
 * working is canceled first, so it cannot fill after the unit is unwound. Undefined when every leg
 * filled (the run ended after the unit was whole).
 */
export async function findUnfilledLeg(deps: UnitDeps, unit: EndedUnit): Promise<UnitFailure | undefined> {
  for (const [leg, intent] of unit.legs.entries()) {
    const why = await whyNotFilled(deps, clientOrderId(unit.strategyId, unit.runNumber, leg), unit.stopped);
    if (why !== undefined) return { leg, reason: `${intent.symbol} ${intent.side} ${why}` };
  }
  return undefined;
}

async function whyNotFilled(deps: UnitDeps, cid: string, stopped: boolean): Promise<string | undefined> {
  const recorded = await deps.store.findOrder(cid);
  if (recorded?.status === 'filled') return undefined;
  // The broker, not our row, says whether it went out: a crash may have come between the two.
  const atBroker = await deps.broker.findOrderByClientOrderId(cid);
  if (!atBroker) {
    if (recorded?.status === 'rejected') return 'rejected by the broker';
    return stopped ? 'not sent: the strategy was stopped before this leg was sent' : 'not sent: the run ended before this leg was sent';
  }
  const { order } = await awaitFill(deps.broker, atBroker.id, deps.wait);
  await deps.store.applyBrokerOrder(cid, order);
  if (order.status === 'filled') return undefined;
  const filled = order.filledQty > 0 ? ` after filling ${formatQty(order.filledQty)}` : '';
  return `${order.status}${filled} when the run ended`;
}
