import type { Broker, BrokerOrder, BrokerOrderStatus } from '../../../libs/broker/broker.port';
import { BrokerNotFoundError, OrderRejectedError } from '../../../libs/broker/broker.errors';

/**
 * How long a unit waits for each leg, and an 'each' decision for each sell before its next order:
 * poll every `pollMs` for up to `timeoutMs` (milliseconds).
 */
export interface FillWait {
  pollMs: number;
  timeoutMs: number;
}

// Market legs fill within moments; ten seconds also stays inside the activity's heartbeat timeout.
export const DEFAULT_FILL_WAIT: FillWait = { pollMs: 250, timeoutMs: 10_000 };

// After a cancel the broker may still report a fill that raced it: look a few more times.
const POLLS_AFTER_CANCEL = 8;

const FINAL_STATUSES: ReadonlySet<BrokerOrderStatus> = new Set(['filled', 'canceled', 'expired', 'rejected', 'done_for_day', 'replaced']);

export interface AwaitedOrder {
  /** The order as the broker last reported it; `filledQty` is what it filled, in part or whole. */
  order: BrokerOrder;
  /** True when it did not finish in time and was canceled. */
  timedOut: boolean;
}

/**
 * Waits until the broker reports the order finished (filled, canceled, ...). One that is still
 * working after `timeoutMs` is canceled, so it cannot fill after the unit has given up on it.
 */
export async function awaitFill(broker: Broker, orderId: string, wait: FillWait): Promise<AwaitedOrder> {
  const order = await awaitFinish(broker, orderId, wait);
  if (isFinished(order.status)) return { order, timedOut: false };
  await cancelUnlessFinished(broker, orderId);
  return { order: await pollUntilFinal(broker, orderId, wait.pollMs, POLLS_AFTER_CANCEL), timedOut: true };
}

/** Waits up to `timeoutMs` for the order to finish and returns it as last reported: still working if it has not. */
export async function awaitFinish(broker: Broker, orderId: string, wait: FillWait): Promise<BrokerOrder> {
  const polls = Math.max(1, Math.ceil(wait.timeoutMs / Math.max(wait.pollMs, 1)));
  return pollUntilFinal(broker, orderId, wait.pollMs, polls);
}

/** True once the broker will not fill any more of the order. */
export function isFinished(status: string): boolean {
  return FINAL_STATUSES.has(status as BrokerOrderStatus);
}

async function pollUntilFinal(broker: Broker, orderId: string, pollMs: number, polls: number): Promise<BrokerOrder> {
  let order = await broker.getOrder(orderId);
  // No heartbeat of its own: its callers run inside withHeartbeat, which beats on a timer.
  for (let poll = 1; poll < polls && !isFinished(order.status); poll++) {
    await sleep(pollMs);
    order = await broker.getOrder(orderId);
  }
  return order;
}

// The broker refuses to cancel an order that has just finished (422) or is gone (404): the poll
// after the cancel reads how it ended.
async function cancelUnlessFinished(broker: Broker, orderId: string): Promise<void> {
  try {
    await broker.cancelOrder(orderId);
  } catch (err) {
    if (!(err instanceof OrderRejectedError || err instanceof BrokerNotFoundError)) throw err;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
