import type { DataSource, EntityManager } from 'typeorm';
import type { OrderFillEvent, StrategyType } from '../contracts';
import type { BrokerOrder } from '../broker/broker.port';
import { BotOrder, type BotOrderStatus } from '../database/entities/bot-order.entity';
import { Trade } from '../database/entities/trade.entity';
import { fillDelta, roundDecimal, type FillDelta } from './fill-delta';
import { pendingFillEvent } from './order-fill-event';
import { nextOrderStatus } from './order-status-progress';
import { queueSqliteWrite } from '../database/sqlite-write-queue';

/** What the broker said about one order: a stream event, or the order as the poll fetched it. */
export interface BrokerOrderUpdate {
  /** The order as it stands after the event (cumulative filled_qty and average price). */
  order: BrokerOrder;
  /** fill / partial_fill events: this execution's own price and quantity, not the order's totals. */
  executionPrice?: number;
  executionQty?: number;
  /** ISO-8601 time of the event; the trade's executed_at. */
  timestamp?: string;
}

export interface RecordedFill extends FillDelta {
  /** trades.execution_key: `<broker order id>:<cumulative filled qty>`. */
  executionKey: string;
}

export interface AppliedOrderUpdate {
  /** The bot_orders row after the update. */
  row: BotOrder;
  strategyType: StrategyType;
  /** Set when this call recorded a trade; a duplicate or older event records none. */
  newFill?: RecordedFill;
  /** The signal the owning grid workflow still needs (see pendingFillEvent), new fill or not. */
  fillEvent?: OrderFillEvent;
}

// A lost compare-and-set means another writer moved the row first: read it again and retry; each
// retry either finds nothing left to do or a further fill, so a handful of rounds always suffice.
const MAX_ATTEMPTS = 5;
const RACED = Symbol('raced');

/**
 * Records what the broker reports about one of our orders, idempotently: the stream, the poll and
 * the grid's reconcile activity all call it, in any order and any number of times, and every fill
 * becomes exactly one trades row. Returns undefined for an order that is not ours.
 *
 * Each write is a compare-and-set on the row's (status, filled_qty) as read in the same
 * transaction, so a concurrent apply of the same fill loses cleanly (it then sees the fill
 * recorded); the trade is looked up by its execution key before it is inserted, since a unique
 * violation would abort a PostgreSQL transaction.
 */
export async function applyBrokerOrderUpdate(dataSource: DataSource, update: BrokerOrderUpdate): Promise<AppliedOrderUpdate | undefined> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const outcome = await queueSqliteWrite(dataSource, () => dataSource.transaction((manager) => applyOnce(manager, update)));
    if (outcome !== RACED) return outcome;
  }
  throw new Error(`order ${update.order.id} kept changing under concurrent updates; gave up after ${MAX_ATTEMPTS} attempts`);
}

async function applyOnce(manager: EntityManager, update: BrokerOrderUpdate): Promise<AppliedOrderUpdate | undefined | typeof RACED> {
  const row = await findOwnOrder(manager, update.order);
  if (!row) return undefined;
  const strategyType = row.strategy!.type;
  const { order } = update;

  const reportedQty = roundDecimal(order.filledQty);
  const delta = fillDelta({
    previousQty: row.filledQty,
    previousAvgPrice: row.filledAvgPrice,
    filledQty: reportedQty,
    filledAvgPrice: order.filledAvgPrice,
    executionQty: update.executionQty,
    executionPrice: update.executionPrice,
    limitPrice: order.limitPrice ?? row.limitPrice,
  });
  const changes = rowChanges(row, update, delta ? reportedQty : undefined);
  if (!changes) return withFillEvent({ row, strategyType });

  const written = await manager
    .createQueryBuilder()
    .update(BotOrder)
    .set(changes)
    .where('id = :id', { id: row.id })
    .andWhere('status = :status', { status: row.status })
    .andWhere('filled_qty = :filledQty', { filledQty: row.filledQty })
    .execute();
  if (written.affected !== 1) return RACED;

  const newFill = delta ? await recordTrade(manager, row, order, delta, reportedQty, update.timestamp) : undefined;
  const fresh = await findOwnOrder(manager, order);
  return withFillEvent({ row: fresh!, strategyType, newFill });
}

function findOwnOrder(manager: EntityManager, order: BrokerOrder): Promise<BotOrder | null> {
  const repository = manager.getRepository(BotOrder);
  const relations = { strategy: true } as const;
  return order.clientOrderId
    ? repository.findOne({ where: { clientOrderId: order.clientOrderId }, relations }).then(
        (row) => row ?? repository.findOne({ where: { brokerOrderId: order.id }, relations }),
      )
    : repository.findOne({ where: { brokerOrderId: order.id }, relations });
}

type RowChanges = Partial<Pick<BotOrder, 'status' | 'filledQty' | 'filledAvgPrice' | 'filledAt' | 'brokerOrderId' | 'submittedAt'>>;

/** The columns to write, or undefined when the update tells us nothing new. */
function rowChanges(row: BotOrder, update: BrokerOrderUpdate, newFilledQty: number | undefined): RowChanges | undefined {
  const { order } = update;
  const changes: RowChanges = {};
  const status: BotOrderStatus = nextOrderStatus(row.status, order.status);
  if (status !== row.status) changes.status = status;
  if (newFilledQty !== undefined) {
    changes.filledQty = newFilledQty;
    changes.filledAvgPrice = order.filledAvgPrice ?? row.filledAvgPrice;
  }
  const filledAt = dateOrNull(order.filledAt) ?? (status === 'filled' && !row.filledAt ? dateOrNull(update.timestamp) : null);
  if (filledAt && (newFilledQty !== undefined || !row.filledAt)) changes.filledAt = filledAt;
  if (!row.brokerOrderId) changes.brokerOrderId = order.id;
  const submittedAt = dateOrNull(order.submittedAt);
  if (!row.submittedAt && submittedAt) changes.submittedAt = submittedAt;
  return Object.keys(changes).length > 0 ? changes : undefined;
}

async function recordTrade(
  manager: EntityManager,
  row: BotOrder,
  order: BrokerOrder,
  delta: FillDelta,
  filledQty: number,
  timestamp: string | undefined,
): Promise<RecordedFill | undefined> {
  const executionKey = `${order.id}:${filledQty}`;
  // The row's compare-and-set already serialises writers of this order; the key still guards
  // against a row whose filled_qty was set back by another writer and is now being re-advanced.
  if (await manager.getRepository(Trade).existsBy({ executionKey })) return undefined;
  await manager.getRepository(Trade).insert({
    userId: row.userId,
    strategyId: row.strategyId,
    orderId: row.id,
    executionKey,
    brokerOrderId: order.id,
    symbol: row.symbol,
    side: row.side,
    qty: delta.qty,
    price: delta.price,
    notional: delta.notional,
    realizedPnl: null,
    executedAt: dateOrNull(timestamp) ?? dateOrNull(order.filledAt) ?? new Date(),
  });
  return { ...delta, executionKey };
}

function withFillEvent(result: Omit<AppliedOrderUpdate, 'fillEvent'>): AppliedOrderUpdate {
  const fillEvent = pendingFillEvent(result.row, result.strategyType);
  return fillEvent ? { ...result, fillEvent } : result;
}

function dateOrNull(value: string | null | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
