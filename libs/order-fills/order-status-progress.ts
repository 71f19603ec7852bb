import { TERMINAL_ORDER_STATUSES, type BotOrderStatus } from '../database/entities/bot-order.entity';

// How far along its life an order is. Events arrive out of order (stream and poll race, the
// stream replays nothing), so a status is only ever replaced by one further along: an old 'new'
// event must never turn a filled order back into an open one.
const STAGE: Readonly<Record<BotOrderStatus, number>> = {
  pending: 0,
  submitted: 1,
  pending_new: 1,
  accepted: 1,
  new: 2,
  done_for_day: 3,
  partially_filled: 4,
  pending_cancel: 5,
  filled: 6,
  canceled: 6,
  expired: 6,
  rejected: 6,
  replaced: 6,
};

/** The status a row moves to when the broker reports `reported`: that one if it is further along, else `current`. */
export function nextOrderStatus(current: BotOrderStatus, reported: string): BotOrderStatus {
  if (!isKnownStatus(reported)) return current;
  return STAGE[reported] > STAGE[current] ? reported : current;
}

export function isTerminalOrderStatus(status: BotOrderStatus): boolean {
  return TERMINAL_ORDER_STATUSES.includes(status);
}

function isKnownStatus(status: string): status is BotOrderStatus {
  return Object.prototype.hasOwnProperty.call(STAGE, status);
}
