import { randomUUID } from 'node:crypto';
import { Router, type Request } from 'express';
import type { ExchangeContext } from '../exchange-context';
import { ApiError, notFound, unprocessable } from '../http/api-error';
import { accountOf } from '../http/auth.middleware';
import { findAsset, holdingAsset, positionSymbol } from '../market/asset-catalog';
import type { AccountRecord, OrderRecord, PositionRecord } from '../store/records';
import { roundQty } from '../trading/decimal';
import { toOrderJson } from '../trading/order-json';
import { toPositionJson } from '../trading/position-json';

export function positionsRoutes(ctx: ExchangeContext): Router {
  const router = Router();
  const json = (position: PositionRecord) => toPositionJson(position, ctx.prices, ctx.ledger.positionQtyAvailable(position));

  router.get('/v2/positions', (_req, res) => {
    const positions = ctx.store.positionsOf(accountOf(res).id).sort((a, b) => a.symbol.localeCompare(b.symbol));
    res.json(positions.map(json));
  });

  router.get('/v2/positions/:symbol', (req, res) => {
    res.json(json(ownPosition(ctx, accountOf(res), req.params.symbol)));
  });

  router.delete('/v2/positions/:symbol', (req, res) => {
    const account = accountOf(res);
    const position = ownPosition(ctx, account, req.params.symbol);
    res.json(toOrderJson(closePosition(ctx, account, position, closeQty(req, position))));
  });

  router.delete('/v2/positions', (req, res) => {
    const account = accountOf(res);
    if (req.query.cancel_orders === 'true') {
      for (const order of ctx.ledger.openOrders(account.id)) ctx.engine.cancel(order);
    }
    const results = ctx.store.positionsOf(account.id).map((position) => {
      const symbol = positionSymbol(findAsset(position.symbol)!);
      try {
        return { symbol, status: 200, body: toOrderJson(closePosition(ctx, account, position, Math.abs(position.qty))) };
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        return { symbol, status: error.status, body: { code: error.code, message: error.message } };
      }
    });
    res.status(207).json(results);
  });

  return router;
}

/** A cross pair names the position in its base coin ("BTC/USDT" or "BTCUSDT" -> the BTC position). */
function ownPosition(ctx: ExchangeContext, account: AccountRecord, symbol: string): PositionRecord {
  const asset = findAsset(symbol);
  const position = asset && ctx.store.positionOf(account.id, holdingAsset(asset).symbol);
  if (!position) throw notFound('position does not exist');
  return position;
}

/** `qty` or `percentage` (0-100) of the position, in units (positive for shorts too); all of it by default. */
function closeQty(req: Request, position: PositionRecord): number {
  const { qty, percentage } = req.query;
  if (qty !== undefined && percentage !== undefined) throw unprocessable('only one of qty or percentage may be given');
  if (typeof qty === 'string') {
    const value = Number(qty);
    if (!(value > 0)) throw unprocessable(`invalid qty "${qty}"`);
    return value;
  }
  if (typeof percentage === 'string') {
    const value = Number(percentage);
    if (!(value > 0 && value <= 100)) throw unprocessable(`invalid percentage "${percentage}"`);
    return roundQty((Math.abs(position.qty) * value) / 100);
  }
  return Math.abs(position.qty);
}

/** Closing is a market sell (a buy for a short): DAY for equities (allows fractions), GTC for crypto. */
function closePosition(ctx: ExchangeContext, account: AccountRecord, position: PositionRecord, qty: number): OrderRecord {
  const asset = findAsset(position.symbol)!;
  return ctx.engine.submit(account, {
    asset,
    clientOrderId: randomUUID(),
    side: position.qty < 0 ? 'buy' : 'sell',
    type: 'market',
    timeInForce: asset.assetClass === 'crypto' ? 'gtc' : 'day',
    qty,
    notional: null,
    limitPrice: null,
  });
}
