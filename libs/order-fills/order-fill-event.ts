import { isGridStrategyType, type OrderFillEvent, type StrategyType } from '../contracts';
import type { BotOrder } from '../database/entities/bot-order.entity';
import { isTerminalOrderStatus } from './order-status-progress';

/**
 * The orderFilled signal a grid workflow still needs for this row: while part of its fill has no
 * counter order yet (filled_qty > countered_qty). Sent again on every sighting, so a crash between
 * recording a fill and signalling it heals; the workflow drops what it has already seen.
 */
export function pendingFillEvent(
  row: Pick<BotOrder, 'strategyId' | 'brokerOrderId' | 'clientOrderId' | 'side' | 'filledQty' | 'filledAvgPrice' | 'limitPrice' | 'counteredQty' | 'status'>,
  strategyType: StrategyType,
): OrderFillEvent | undefined {
  if (!isGridStrategyType(strategyType) || !row.brokerOrderId || row.filledQty <= row.counteredQty) return undefined;
  const filledAvgPrice = row.filledAvgPrice ?? row.limitPrice;
  if (filledAvgPrice === null) return undefined;
  return {
    strategyId: row.strategyId,
    brokerOrderId: row.brokerOrderId,
    clientOrderId: row.clientOrderId,
    side: row.side,
    filledQty: row.filledQty,
    filledAvgPrice,
    final: isTerminalOrderStatus(row.status),
  };
}
