import { ExchangeClock } from '../market/exchange-clock';
import { findAsset } from '../market/asset-catalog';
import { PriceBook } from '../market/price-book';
import { ExchangeStore } from '../store/exchange-store';
import type { AccountRecord } from '../store/records';
import { Ledger } from './ledger';
import { MatchingEngine } from './matching-engine';
import { TradeEventHub, type TradeUpdate } from './trade-events';
import type { ValidatedOrder } from './order-validation';

// The engine on a controllable clock and regular US equity hours (no HTTP).
function setUp(startIso: string) {
  let now = Date.parse(startIso);
  const clockNow = () => now;
  const store = ExchangeStore.open();
  const prices = new PriceBook(store, { seed: 'engine', drift: false }, clockNow);
  const clock = new ExchangeClock('us_equity', clockNow);
  const events = new TradeEventHub(store);
  const engine = new MatchingEngine(store, prices, clock, new Ledger(store, prices), events, clockNow);
  const account: AccountRecord = store.accounts.put({
    id: 'acc-1',
    accountNumber: 'PA0000000001',
    keyId: 'PKTEST',
    secretKey: 'secret',
    cash: 10_000,
    createdAt: startIso,
  });
  const updates: TradeUpdate[] = [];
  events.subscribe((_accountId, update) => updates.push(update));
  return { store, prices, engine, account, updates, advanceTo: (iso: string) => (now = Date.parse(iso)) };
}

const order = (overrides: Partial<ValidatedOrder>): ValidatedOrder => ({
  asset: findAsset('AAPL')!,
  clientOrderId: `c-${Math.random()}`,
  side: 'buy',
  type: 'market',
  timeInForce: 'day',
  qty: 1,
  notional: null,
  limitPrice: null,
  ...overrides,
});

describe('MatchingEngine on the regular schedule', () => {
  it('holds a weekend market order as accepted and fills it on the first run after the open', () => {
    const { engine, account, advanceTo, updates } = setUp('2024-07-06T15:00:00Z'); // Saturday
    const placed = engine.submit(account, order({}));
    expect(placed.status).toBe('accepted');
    engine.run();
    expect(placed.status).toBe('accepted');
    advanceTo('2024-07-08T13:29:00Z'); // Monday 09:29 EDT
    engine.run();
    advanceTo('2024-07-08T13:31:00Z'); // Monday 09:31 EDT
    engine.run();
    expect(updates.map((update) => update.event)).toEqual(['new', 'fill']);
    expect(updates[1].order).toMatchObject({ status: 'filled', filled_avg_price: String(findAsset('AAPL')!.basePrice) });
  });

  it('expires an unfilled day order at the close but keeps a gtc order', () => {
    const { engine, account, advanceTo, store, updates } = setUp('2024-07-09T15:00:00Z'); // Tuesday 11:00 EDT
    const day = engine.submit(account, order({ type: 'limit', limitPrice: 10 }));
    const gtc = engine.submit(account, order({ type: 'limit', limitPrice: 10, timeInForce: 'gtc' }));
    expect(day.expiresAtMs).toBe(Date.parse('2024-07-09T20:00:00Z'));
    advanceTo('2024-07-09T19:59:59Z');
    engine.run();
    expect(store.orders.get(day.id)!.status).toBe('new');
    advanceTo('2024-07-09T20:00:00Z');
    engine.run();
    expect(store.orders.get(day.id)).toMatchObject({ status: 'expired', expiredAt: expect.any(String) });
    expect(store.orders.get(gtc.id)!.status).toBe('new');
    expect(updates.filter((update) => update.event === 'expired')).toHaveLength(1);
  });

  it('trades crypto while the equity market is closed', () => {
    const { engine, account } = setUp('2024-07-06T15:00:00Z');
    const btc = engine.submit(account, order({ asset: findAsset('BTC/USD')!, timeInForce: 'gtc', qty: 0.01 }));
    expect(btc.status).toBe('filled');
  });

  it('never delivers events of a submission that failed', () => {
    const { engine, account, updates } = setUp('2024-07-09T15:00:00Z');
    expect(() => engine.submit(account, order({ qty: 1_000 }))).toThrow('insufficient buying power');
    expect(updates).toEqual([]);
  });
});
