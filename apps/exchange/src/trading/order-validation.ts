import { randomUUID } from 'node:crypto';
import { unprocessable } from '../http/api-error';
import { findAsset, type Asset } from '../market/asset-catalog';
import type { OrderSide, OrderType, TimeInForce } from '../store/records';
import { decimalPlaces } from './decimal';

export interface ValidatedOrder {
  asset: Asset;
  clientOrderId: string;
  side: OrderSide;
  type: OrderType;
  timeInForce: TimeInForce;
  qty: number | null;
  notional: number | null;
  limitPrice: number | null;
}

// Alpaca's documented ceiling; our own ids stay under the older 48 (libs/contracts).
const MAX_CLIENT_ORDER_ID = 128;

const USD_LIKE_QUOTES = new Set(['USD', 'USDT', 'USDC']);

/** Checks a POST /v2/orders body the way Alpaca does; any violation is a 422. */
export function validateOrder(body: Record<string, unknown>): ValidatedOrder {
  const symbol = text(body.symbol);
  if (!symbol) throw unprocessable('symbol is required');
  const asset = findAsset(symbol);
  if (!asset) throw unprocessable(`asset "${symbol}" not found`);

  const side = oneOf(body.side, ['buy', 'sell'] as const, 'side');
  const type = orderType(body.type);
  const timeInForce = timeInForceOf(body.time_in_force, asset);
  const orderClass = text(body.order_class);
  if (orderClass && orderClass !== 'simple') throw unprocessable(`order_class "${orderClass}" is not supported`);
  if (body.extended_hours === true || body.extended_hours === 'true') {
    throw unprocessable('extended hours orders are not supported');
  }
  if (body.stop_price != null) throw unprocessable('stop_price is only valid for stop orders');

  const qty = amount(body.qty, 'qty', 9);
  // A notional is counted in the pair's quote currency: cents for USD and stablecoins, 9 decimals for BTC (ETH/BTC).
  const coinQuoted = !USD_LIKE_QUOTES.has(asset.quoteCurrency);
  const notional = amount(body.notional, 'notional', coinQuoted ? 9 : 2);
  if (qty !== null && notional !== null) throw unprocessable('only one of qty or notional must be given');
  if (qty === null && notional === null) throw unprocessable('qty or notional is required');

  const limitPrice = amount(body.limit_price, 'limit_price', asset.assetClass === 'crypto' ? 9 : 4);
  if (type === 'limit' && limitPrice === null) throw unprocessable('limit_price is required for limit orders');
  if (type === 'market' && limitPrice !== null) throw unprocessable('limit_price must not be given for market orders');
  if (limitPrice !== null && asset.assetClass === 'us_equity') checkTick(limitPrice, String(body.limit_price));

  if (notional !== null) {
    if (type !== 'market') throw unprocessable('notional orders must be market orders');
    if (asset.assetClass === 'us_equity' && timeInForce !== 'day') throw unprocessable('notional orders must be DAY orders');
    if (notional < 1 && !coinQuoted) throw unprocessable('notional must be at least 1');
  }
  if (qty !== null && !Number.isInteger(qty) && asset.assetClass === 'us_equity') {
    // Fractional shares trade only as market day orders.
    if (type !== 'market') throw unprocessable('fractional orders must be market orders');
    if (timeInForce !== 'day') throw unprocessable('fractional orders must be DAY orders');
  }

  const clientOrderId = text(body.client_order_id) ?? randomUUID();
  if (clientOrderId.length > MAX_CLIENT_ORDER_ID) {
    throw unprocessable(`client_order_id must be no more than ${MAX_CLIENT_ORDER_ID} characters`);
  }
  return { asset, clientOrderId, side, type, timeInForce, qty, notional, limitPrice };
}

function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const result = String(value).trim();
  return result === '' ? undefined : result;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  const given = text(value);
  if (!given) throw unprocessable(`${field} is required`);
  if (!(allowed as readonly string[]).includes(given)) throw unprocessable(`invalid ${field} "${given}"`);
  return given as T;
}

function orderType(value: unknown): OrderType {
  const given = text(value);
  if (!given) throw unprocessable('type is required');
  if (given === 'market' || given === 'limit') return given;
  if (['stop', 'stop_limit', 'trailing_stop'].includes(given)) {
    throw unprocessable(`order type "${given}" is not supported by the paper exchange`);
  }
  throw unprocessable(`invalid type "${given}"`);
}

function timeInForceOf(value: unknown, asset: Asset): TimeInForce {
  const given = text(value);
  if (!given) throw unprocessable('time_in_force is required');
  if (asset.assetClass === 'crypto') {
    // Crypto trades 24/7: Alpaca accepts only gtc and ioc.
    if (given !== 'gtc' && given !== 'ioc') throw unprocessable(`invalid crypto time_in_force "${given}"`);
    return given;
  }
  if (given === 'day' || given === 'gtc' || given === 'ioc' || given === 'fok') return given;
  if (given === 'opg' || given === 'cls') throw unprocessable(`time_in_force "${given}" is not supported`);
  throw unprocessable(`invalid time_in_force "${given}"`);
}

function amount(value: unknown, field: string, maxDecimals: number): number | null {
  if (value === undefined || value === null || value === '') return null;
  const raw = String(value).trim();
  const parsed = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || !Number.isFinite(parsed)) throw unprocessable(`invalid ${field} "${raw}"`);
  if (parsed <= 0) throw unprocessable(`${field} must be > 0`);
  if (decimalPlaces(raw) > maxDecimals) throw unprocessable(`${field} must have at most ${maxDecimals} decimal places`);
  return parsed;
}

function checkTick(limitPrice: number, raw: string): void {
  const allowed = limitPrice >= 1 ? 2 : 4;
  if (decimalPlaces(raw) > allowed) {
    throw unprocessable(`invalid limit_price ${raw}. sub-penny increment does not fulfill minimum pricing criteria`);
  }
}
