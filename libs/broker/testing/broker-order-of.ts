import type { BrokerOrder, PlaceOrderRequest } from '../broker.port';

/** The broker's view of a placed request, for in-memory brokers in tests. */
export function brokerOrderOf(
  request: PlaceOrderRequest,
  fields: { id: string; status: BrokerOrder['status']; filledQty: number; filledAvgPrice: number | null; at: string },
): BrokerOrder {
  const filled = fields.status === 'filled';
  return {
    id: fields.id,
    clientOrderId: request.clientOrderId,
    symbol: request.symbol,
    side: request.side,
    type: request.type,
    timeInForce: request.timeInForce,
    qty: request.qty ?? null,
    notional: request.notional ?? null,
    limitPrice: request.limitPrice ?? null,
    status: fields.status,
    filledQty: fields.filledQty,
    filledAvgPrice: fields.filledAvgPrice,
    submittedAt: fields.at,
    filledAt: filled ? fields.at : null,
  };
}
