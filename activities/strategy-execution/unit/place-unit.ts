import { clientOrderId, unwindClientOrderId, type OrderIntent, type OrderSummary } from '../../../libs/contracts';
import { formatQty } from '../../../libs/strategies/reason-format';
import { timeInForceFor } from '../../../libs/strategies/order-sizing';
import { sendLeg, type LegResult, type UnitDeps } from './send-leg';

/** The leg (0-based) that failed and why, recorded with the decision before anything is unwound. */
export interface UnitFailure {
  leg: number;
  /** E.g. "AAPL buy rejected: insufficient buying power". */
  reason: string;
}

export interface UnitRun {
  userId: string;
  strategyId: string;
  runNumber: number;
  legs: readonly OrderIntent[];
  /** Set when an earlier attempt of this run already saw the unit fail. */
  failure?: UnitFailure;
}

export interface UnitOutcome {
  /** The legs sent, then the unwinding orders. */
  orders: OrderSummary[];
  failure?: UnitFailure;
  /** One sentence per filled leg unwound (or not), in the order they were unwound. */
  unwinds: string[];
}

export interface PlaceUnitDeps extends UnitDeps {
  recordFailure(failure: UnitFailure): Promise<void>;
}

/**
 * Places a unit's legs in order, each once the one before has filled (a later leg may spend what
 * an earlier one bought). When a leg is rejected or does not fill, every leg that filled (the
 * failing one too, if in part) is unwound with an opposite market order, latest first, so the unit
 * ends all or nothing.
 *
 * Replay: the failure is recorded before the first unwind, so a retried attempt never sends a
 * leg past it; legs and unwinds are adopted by their deterministic client_order_ids.
 */
export async function placeUnit(deps: PlaceUnitDeps, run: UnitRun): Promise<UnitOutcome> {
  const orders: OrderSummary[] = [];
  const filled: Array<{ leg: number; qty: number }> = [];
  let failure = run.failure;
  for (const [leg, intent] of run.legs.entries()) {
    if (failure && leg > failure.leg) break;
    const cid = clientOrderId(run.strategyId, run.runNumber, leg);
    const result = failure?.leg === leg ? await recallFailedLeg(deps, cid) : await sendLeg(deps, { ...run, clientOrderId: cid, intent });
    if (result.summary) orders.push(result.summary);
    if (result.filledQty > 0) filled.push({ leg, qty: result.filledQty });
    if (failure?.leg === leg) break;
    if (result.failure) {
      failure = { leg, reason: `${intent.symbol} ${intent.side} ${result.failure}` };
      await deps.recordFailure(failure);
      break;
    }
  }
  if (!failure) return { orders, unwinds: [] };

  const unwinds: string[] = [];
  for (const { leg, qty } of filled.reverse()) {
    const { symbol, side } = run.legs[leg];
    const opposite = side === 'buy' ? 'sell' : 'buy';
    const intent: OrderIntent = { symbol, side: opposite, type: 'market', timeInForce: timeInForceFor(symbol), qty };
    const result = await sendLeg(deps, { ...run, clientOrderId: unwindClientOrderId(run.strategyId, run.runNumber, leg), intent });
    if (result.summary) orders.push(result.summary);
    unwinds.push(
      result.failure
        ? `could not unwind leg ${leg + 1} (${symbol} ${opposite} of ${formatQty(qty)} ${result.failure})`
        : `unwound leg ${leg + 1} (${opposite === 'sell' ? 'sold' : 'bought back'} ${formatQty(qty)} ${symbol})`,
    );
  }
  return { orders, failure, unwinds };
}

/** "pairs_trading unit failed on leg 2 of 2 (AAPL buy rejected: ...); unwound leg 1 (sold 10 MSFT)". */
export function unitFailureReason(label: string, legCount: number, outcome: UnitOutcome & { failure: UnitFailure }): string {
  const unwound = outcome.unwinds.length > 0 ? outcome.unwinds.join('; ') : 'no leg had filled, nothing to unwind';
  return `HOLD - ${label} unit failed on leg ${outcome.failure.leg + 1} of ${legCount} (${outcome.failure.reason}); ${unwound}`;
}

// The failing leg as an earlier attempt left it: finished (rejected, canceled) and never sent again.
async function recallFailedLeg(deps: UnitDeps, cid: string): Promise<LegResult> {
  const [summary, atBroker] = await Promise.all([deps.store.findOrder(cid), deps.broker.findOrderByClientOrderId(cid)]);
  return { summary, filledQty: atBroker?.filledQty ?? 0 };
}
