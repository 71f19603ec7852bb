import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import type { ExchangeContext } from '../exchange-context';
import { badRequest, notFound } from '../http/api-error';
import { parseTimeframe } from '../market/timeframe';
import { parseArticleDrafts } from '../news/article-input';
import { toNewsJson } from '../news/news-json';
import { newAccountNumber, newKeyId, newOpaqueToken, newSecretKey } from '../store/credentials';
import type { AccountRecord } from '../store/records';
import { formatDecimal, roundCash } from '../trading/decimal';
import { toOrderJson } from '../trading/order-json';
import { touchFillRatioProblem } from '../trading/touch-fill';
import { assetOf, bodyOf, finite } from './admin-input';

/** Test and operator routes. No authentication: the exchange listens on loopback only. */
export function adminRoutes(ctx: ExchangeContext): Router {
  const router = Router();

  router.post('/admin/accounts', (req, res) => {
    const body = bodyOf(req);
    const cash = body.cash === undefined ? 100_000 : finite(body.cash, 'cash', 0);
    const keyId = typeof body.key_id === 'string' && body.key_id ? body.key_id : newKeyId();
    if (ctx.store.findAccountByKeyId(keyId)) throw badRequest('key_id already exists');
    const account = ctx.store.accounts.put({
      id: randomUUID(),
      accountNumber: newAccountNumber(),
      keyId,
      secretKey: typeof body.secret_key === 'string' && body.secret_key ? body.secret_key : newSecretKey(),
      cash: roundCash(cash),
      createdAt: new Date().toISOString(),
    });
    res.status(201).json({ key_id: account.keyId, secret_key: account.secretKey, account_id: account.id });
  });

  router.post('/admin/prices', (req, res) => {
    const body = bodyOf(req);
    const asset = assetOf(body.symbol);
    const price = finite(body.price, 'price', Number.MIN_VALUE);
    if (body.frozen !== undefined && typeof body.frozen !== 'boolean') throw badRequest('frozen must be true or false');
    ctx.prices.setPrice(asset, price, body.frozen === true);
    ctx.engine.run();
    res.json({ symbol: asset.symbol, price: ctx.prices.price(asset), frozen: body.frozen === true });
  });

  router.post('/admin/bars', (req, res) => {
    const body = bodyOf(req);
    const asset = assetOf(body.symbol);
    const timeframe = parseTimeframe(String(body.timeframe ?? ''));
    if (!timeframe) throw badRequest('invalid timeframe');
    if (!Array.isArray(body.bars) || body.bars.length === 0) throw badRequest('bars must be a non-empty array');
    const bars = (body.bars as Array<Record<string, unknown>>).map((bar, i) => {
      const [o, h, l, c] = (['o', 'h', 'l', 'c'] as const).map((field) => finite(bar?.[field], `bars[${i}].${field}`, Number.MIN_VALUE));
      if (h < Math.max(o, c, l) || l > Math.min(o, c)) throw badRequest(`bars[${i}]: high/low do not bound open/close`);
      return { o, h, l, c, v: bar.v === undefined ? 0 : finite(bar.v, `bars[${i}].v`, 0) };
    });
    ctx.prices.setBars(asset, timeframe, bars);
    ctx.engine.run();
    res.json({ symbol: asset.symbol, timeframe: timeframe.label, count: bars.length, price: ctx.prices.price(asset) });
  });

  // Cuts every trade_updates connection, so tests can prove that subscribers reconnect.
  router.post('/admin/streams/drop', (_req, res) => {
    res.json({ dropped: ctx.streams.dropAll() });
  });

  router.post('/admin/clock', (req, res) => {
    const isOpen = bodyOf(req).is_open;
    if (isOpen !== true && isOpen !== false && isOpen !== null) throw badRequest('is_open must be true, false or null');
    ctx.clock.setOverride(isOpen);
    ctx.engine.run();
    res.json(ctx.clock.snapshot());
  });

  router.post('/admin/faults', (req, res) => {
    const body = bodyOf(req);
    if (body.error_rate !== undefined) ctx.faults.errorRate = finite(body.error_rate, 'error_rate', 0, 1);
    if (body.latency_ms !== undefined) ctx.faults.latencyMs = finite(body.latency_ms, 'latency_ms', 0, 60_000);
    if (body.rate_limit_per_minute !== undefined) {
      ctx.faults.rateLimitPerMinute =
        body.rate_limit_per_minute === null ? null : finite(body.rate_limit_per_minute, 'rate_limit_per_minute', 1);
    }
    res.json({
      error_rate: ctx.faults.errorRate,
      latency_ms: ctx.faults.latencyMs,
      rate_limit_per_minute: ctx.faults.rateLimitPerMinute,
    });
  });

  // How resting limit orders fill when the price only touches their limit.
  router.get('/admin/fills', (_req, res) => {
    res.json({ touch_fill_ratio: ctx.fills.touchFillRatio });
  });

  router.post('/admin/fills', (req, res) => {
    const ratio = bodyOf(req).touch_fill_ratio;
    const problem = touchFillRatioProblem(ratio);
    if (problem) throw badRequest(`touch_fill_ratio ${problem}`);
    ctx.fills.touchFillRatio = ratio as number;
    res.json({ touch_fill_ratio: ctx.fills.touchFillRatio });
  });

  // Every order submission the account made, accepted or refused, oldest first: lets tests
  // assert that no client_order_id was ever sent twice.
  router.get('/admin/orders', (req, res) => {
    const account = accountByKey(ctx, req.query.key_id);
    const accepted = ctx.store.ordersOf(account.id).map(toOrderJson);
    const refused = ctx.store.rejectedSubmissions
      .filter((entry) => entry.accountId === account.id)
      .map((entry) => ({
        id: entry.id,
        client_order_id: entry.clientOrderId,
        symbol: entry.symbol,
        side: entry.side,
        status: 'rejected',
        submitted_at: entry.submittedAt,
        http_status: entry.httpStatus,
        reject_reason: entry.reason,
      }));
    res.json([...accepted, ...refused].sort((a, b) => String(a.submitted_at).localeCompare(String(b.submitted_at))));
  });

  router.get('/admin/events', (req, res) => {
    const account = accountByKey(ctx, req.query.key_id);
    const after = Number(req.query.after_seq ?? 0);
    const events = ctx.store.tradeEvents
      .filter((event) => event.accountId === account.id && event.seq > after)
      .sort((a, b) => a.seq - b.seq)
      .map((event) => ({
        seq: event.seq,
        event: event.event,
        order_id: event.orderId,
        price: event.price === null ? null : formatDecimal(event.price),
        qty: event.qty === null ? null : formatDecimal(event.qty),
        position_qty: formatDecimal(event.positionQty),
        timestamp: event.timestamp,
      }));
    res.json(events);
  });

  router.post('/admin/oauth/tokens', (req, res) => {
    const body = bodyOf(req);
    const account = accountByKey(ctx, body.key_id);
    const token = ctx.store.accessTokens.put({
      id: newOpaqueToken(),
      accountId: account.id,
      clientId: typeof body.client_id === 'string' ? body.client_id : 'admin',
      scope: typeof body.scope === 'string' ? body.scope : 'account:write trading data',
      createdAt: new Date().toISOString(),
    });
    res.status(201).json({ access_token: token.id, token_type: 'bearer', scope: token.scope });
  });

  // Scripted headlines, served by /v1beta1/news beside the generated or file ones. One article
  // object answers with the article, an array with an array.
  router.post('/admin/news', (req, res) => {
    const parsed = parseArticleDrafts(req.body, Date.now());
    if ('problem' in parsed) throw badRequest(parsed.problem);
    const articles = ctx.news.add(parsed.drafts).map((article) => toNewsJson(article));
    res.status(201).json(Array.isArray(req.body) ? articles : articles[0]);
  });

  router.get('/admin/news', (_req, res) => {
    res.json(ctx.news.posted().map((article) => toNewsJson(article)));
  });

  router.delete('/admin/news', (_req, res) => {
    res.json({ deleted: ctx.news.clear() });
  });

  return router;
}

function accountByKey(ctx: ExchangeContext, keyId: unknown): AccountRecord {
  const account = typeof keyId === 'string' ? ctx.store.findAccountByKeyId(keyId) : undefined;
  if (!account) throw notFound('account not found for key_id');
  return account;
}
