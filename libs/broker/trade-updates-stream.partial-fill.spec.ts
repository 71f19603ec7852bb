import { startExchange, type ExchangeHandle } from '../../apps/exchange/src/exchange';
import { createPaperAccount, setPrice } from '../../apps/exchange/src/testing/admin-client';
import { createAlpacaBroker } from './alpaca-broker';
import type { TradeUpdate } from './broker.port';
import { subscribeTradeUpdates, type TradeUpdatesSubscription } from './trade-updates-stream';

async function waitFor(condition: () => boolean, what: string, timeoutMs = 4_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

// The SDK path end to end: REST orders through createAlpacaBroker, executions through the
// reconnecting trade_updates subscription, both against the paper exchange.
describe('partial fills through the SDK against the paper exchange', () => {
  let exchange: ExchangeHandle;
  let subscription: TradeUpdatesSubscription | undefined;

  beforeAll(async () => {
    exchange = await startExchange({ priceDrift: false, marketHours: 'always_open', touchFillRatio: 0.5 });
    await setPrice(exchange.url, 'AAPL', 100);
  });
  afterAll(async () => {
    await subscription?.close();
    await exchange.close();
  });

  it('delivers partial_fill when the price touches the limit, then fill when it crosses', async () => {
    const paper = await createPaperAccount(exchange.url, 10_000);
    const credentials = { kind: 'key' as const, keyId: paper.key_id, secretKey: paper.secret_key, environment: 'paper' as const };
    const broker = createAlpacaBroker(credentials, { tradingUrl: exchange.url, dataUrl: exchange.url }, { rateLimit: false, retry: false });
    const updates: TradeUpdate[] = [];
    let connected = false;
    subscription = subscribeTradeUpdates(
      credentials,
      { streamUrl: exchange.streamUrl },
      { onUpdate: (update) => updates.push(update), onStateChange: (state) => (connected ||= state === 'connected') },
      { initialReconnectMs: 50 },
    );
    await waitFor(() => connected, 'connected');

    const order = await broker.placeOrder({ clientOrderId: 'touch-1', symbol: 'AAPL', side: 'buy', type: 'limit', timeInForce: 'gtc', qty: 4, limitPrice: 95 });
    await setPrice(exchange.url, 'AAPL', 95);
    await waitFor(() => updates.length === 2, 'partial_fill');
    expect(await broker.getOrder(order.id)).toMatchObject({ status: 'partially_filled', filledQty: 2, filledAvgPrice: 95 });
    await setPrice(exchange.url, 'AAPL', 94);
    await waitFor(() => updates.length === 3, 'fill');

    expect(updates.map((update) => [update.event, update.qty, update.price, update.positionQty])).toEqual([
      ['new', undefined, undefined, 0],
      ['partial_fill', 2, 95, 2],
      ['fill', 2, 95, 4],
    ]);
    expect(updates[1].order).toMatchObject({ id: order.id, status: 'partially_filled', filledQty: 2, filledAvgPrice: 95 });
    expect(updates[2].order).toMatchObject({ id: order.id, status: 'filled', filledQty: 4, filledAvgPrice: 95 });
    expect(updates[1].executionId).not.toBe(updates[2].executionId);
  });
});
