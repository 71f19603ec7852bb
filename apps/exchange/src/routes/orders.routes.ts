import { randomUUID } from 'node:crypto';
import { Router, type Request } from 'express';
import type { ExchangeContext } from '../exchange-context';
import { ApiError, notFound, unprocessable } from '../http/api-error';
import { accountOf } from '../http/auth.middleware';
import { findAsset } from '../market/asset-catalog';
import { OPEN_ORDER_STATUSES, type AccountRecord, type OrderRecord } from '../store/records';
import { toOrderJson } from '../trading/order-json';
import { validateOrder } from '../trading/order-validation';
import { queryInt, querySymbols, queryText, queryTime } from './query-params';

export function ordersRoutes(ctx: ExchangeContext): Router {
  const router = Router();

  router.post('/v2/orders', (req, res) => {
    const account = accountOf(res);
    const body = (req.body ?? {}) as Record<string, unknown>;
    try {
      const order = ctx.engine.submit(account, validateOrder(body));
      res.json(toOrderJson(order));
    } catch (error) {
      if (error instanceof ApiError) recordRejection(ctx, account, body, error);
      throw error;
    }
  });

  router.get('/v2/orders', (req, res) => {
    res.json(listOrders(ctx, accountOf(res), req).map(toOrderJson));
  });

  // Alpaca's path really contains the colon; it is escaped for Express's path syntax.
  router.get('/v2/orders\\:by_client_order_id', (req, res) => {
    const clientOrderId = queryText(req, 'client_order_id');
    if (!clientOrderId) throw unprocessable('client_order_id is required');
    const order = ctx.store.findOrderByClientOrderId(accountOf(res).id, clientOrderId);
    if (!order) throw notFound(`order not found for client_order_id ${clientOrderId}`);
    res.json(toOrderJson(order));
  });

  router.get('/v2/orders/:orderId', (req, res) => {
    res.json(toOrderJson(ownOrder(ctx, accountOf(res), req.params.orderId)));
  });

  router.delete('/v2/orders/:orderId', (req, res) => {
    ctx.engine.cancel(ownOrder(ctx, accountOf(res), req.params.orderId));
    res.status(204).end();
  });

  router.delete('/v2/orders', (_req, res) => {
    const results = ctx.ledger.openOrders(accountOf(res).id).map((order) => {
      const canceled = ctx.engine.cancel(order);
      return { id: canceled.id, status: 200, body: toOrderJson(canceled) };
    });
    res.status(207).json(results);
  });

  return router;
}

function ownOrder(ctx: ExchangeContext, account: AccountRecord, orderId: string): OrderRecord {
  const order = ctx.store.orders.get(orderId);
  if (!order || order.accountId !== account.id) throw notFound(`order not found for ${orderId}`);
  return order;
}

function listOrders(ctx: ExchangeContext, account: AccountRecord, req: Request): OrderRecord[] {
  const status = queryText(req, 'status') ?? 'open';
  if (!['open', 'closed', 'all'].includes(status)) throw unprocessable(`invalid status "${status}"`);
  const direction = queryText(req, 'direction') ?? 'desc';
  if (direction !== 'asc' && direction !== 'desc') throw unprocessable(`invalid direction "${direction}"`);
  const limit = queryInt(req, 'limit', 50, 1, 500);
  const after = queryTime(req, 'after');
  const until = queryTime(req, 'until');
  const side = queryText(req, 'side');
  const symbols = new Set(querySymbols(req).map((symbol) => findAsset(symbol)?.symbol ?? symbol));

  const sorted = ctx.store
    .ordersOf(account.id)
    .filter((order) => {
      const open = OPEN_ORDER_STATUSES.includes(order.status);
      const submitted = Date.parse(order.submittedAt);
      return (
        (status === 'all' || (status === 'open') === open) &&
        (after === undefined || submitted > after) &&
        (until === undefined || submitted < until) &&
        (!side || order.side === side) &&
        (symbols.size === 0 || symbols.has(order.symbol))
      );
    })
    // Ties on submitted_at are broken by id so cursors page deterministically.
    .sort((a, b) => (direction === 'asc' ? 1 : -1) * (a.submittedAt.localeCompare(b.submittedAt) || a.id.localeCompare(b.id)));
  return applyCursor(ctx, sorted, req).slice(0, limit);
}

/** before_order_id / after_order_id: orders submitted before / after the given one (exclusive). */
function applyCursor(ctx: ExchangeContext, sorted: OrderRecord[], req: Request): OrderRecord[] {
  const before = queryText(req, 'before_order_id');
  const after = queryText(req, 'after_order_id');
  if (before && after) throw unprocessable('before_order_id and after_order_id are mutually exclusive');
  const cursorId = before ?? after;
  if (!cursorId) return sorted;
  const cursor = ctx.store.orders.get(cursorId);
  if (!cursor) throw unprocessable(`order ${cursorId} not found`);
  const key = (order: OrderRecord) => `${order.submittedAt}|${order.id}`;
  const pivot = key(cursor);
  return sorted.filter((order) => (before ? key(order) < pivot : key(order) > pivot));
}

function recordRejection(ctx: ExchangeContext, account: AccountRecord, body: Record<string, unknown>, error: ApiError): void {
  const field = (name: string) => (body[name] == null ? null : String(body[name]));
  ctx.store.rejectedSubmissions.put({
    id: randomUUID(),
    accountId: account.id,
    clientOrderId: field('client_order_id'),
    symbol: field('symbol'),
    side: field('side'),
    httpStatus: error.status,
    reason: error.message,
    submittedAt: new Date().toISOString(),
  });
}
