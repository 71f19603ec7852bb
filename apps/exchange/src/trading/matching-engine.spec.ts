import { ExchangeClock } from '../market/exchange-clock';
import { findAsset } from '../market/asset-catalog';
import { PriceBook } from '../market/price-book';
import { ExchangeStore } from '../store/exchange-store';
import type { AccountRecord } from '../store/records';
import { accountBalances } from './account-balances';
import { Ledger } from './ledger';
import { MatchingEngine } from './matching-engine';
import { TradeEventHub, type TradeUpdate } from './trade-events';
import type { ValidatedOrder } from './order-validation';

// The engine on a controllable clock and regular US equity hours (no HTTP).
function setUp(startIso: string, touchFillRatio = 0.5) {
  let now = Date.parse(startIso);
  const clockNow = () => now;
  const store = ExchangeStore.open();
  const prices = new PriceBook(store, { seed: 'engine', drift: false }, clockNow);
  const clock = new ExchangeClock('us_equity', clockNow);
  const events = new TradeEventHub(store);
  const ledger = new Ledger(store, prices);
  const engine = new MatchingEngine(store, prices, clock, ledger, events, { touchFillRatio }, clockNow);
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
  const setPrice = (symbol: string, price: number) => {
    prices.setPrice(findAsset(symbol)!, price);
    engine.run();
  };
  return { store, prices, ledger, engine, account, updates, setPrice, advanceTo: (iso: string) => (now = Date.parse(iso)) };
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

describe('MatchingEngine: crypto trades 24/7', () => {
  it.each([['BTC/USD', 60_000, 0.01], ['ETH/USD', 3_000, 0.5]])(
    'fills %s market and resting limit orders on a Saturday night',
    (symbol, price, qty) => {
      const { engine, account, setPrice, store } = setUp('2024-07-06T03:00:00Z', 1); // Friday 23:00 EDT, equities closed
      setPrice(symbol, price);
      const asset = findAsset(symbol)!;
      expect(engine.submit(account, order({ asset, timeInForce: 'gtc', qty })).status).toBe('filled');
      const limit = engine.submit(account, order({ asset, type: 'limit', timeInForce: 'gtc', qty, limitPrice: price - 100 }));
      expect(limit.status).toBe('new');
      setPrice(symbol, price - 150);
      expect(store.orders.get(limit.id)).toMatchObject({ status: 'filled', filledQty: qty, filledAvgPrice: price - 100 });
    },
  );
});

// Tuesday 11:00 EDT: the equity market is open.
const OPEN = '2024-07-09T15:00:00Z';
const fillsOf = (updates: TradeUpdate[]) =>
  updates.filter((u) => u.event === 'fill' || u.event === 'partial_fill').map((u) => [u.event, u.qty, u.price, u.position_qty]);

describe('MatchingEngine: partial fills when the price touches a limit', () => {
  it('fills a share on touch, then the rest when the price crosses', () => {
    const { engine, account, setPrice, store, updates } = setUp(OPEN);
    setPrice('AAPL', 100);
    const buy = engine.submit(account, order({ type: 'limit', timeInForce: 'gtc', qty: 10, limitPrice: 95 }));
    setPrice('AAPL', 95);
    expect(store.orders.get(buy.id)).toMatchObject({ status: 'partially_filled', filledQty: 5, filledAvgPrice: 95, filledAt: null });
    setPrice('AAPL', 94.5);
    expect(store.orders.get(buy.id)).toMatchObject({ status: 'filled', filledQty: 10, filledAvgPrice: 95, filledAt: expect.any(String) });
    expect(updates.map((u) => u.event)).toEqual(['new', 'partial_fill', 'fill']);
    expect(fillsOf(updates)).toEqual([
      ['partial_fill', '5', '95', '5'],
      ['fill', '5', '95', '10'],
    ]);
    expect(updates[1].order).toMatchObject({ status: 'partially_filled', filled_qty: '5', filled_avg_price: '95' });
    expect(store.positionOf(account.id, 'AAPL')).toMatchObject({ qty: 10, avgEntryPrice: 95 });
    expect(store.accounts.get(account.id)!.cash).toBe(10_000 - 950);
  });

  it('fills once per visit of the price to the limit, again after the price left and came back', () => {
    const { engine, account, setPrice, store, updates } = setUp(OPEN);
    setPrice('AAPL', 100);
    const buy = engine.submit(account, order({ type: 'limit', timeInForce: 'gtc', qty: 10, limitPrice: 95 }));
    setPrice('AAPL', 95);
    engine.run();
    engine.run();
    setPrice('AAPL', 95); // the same price set again is no new visit
    expect(store.orders.get(buy.id)!.filledQty).toBe(5);
    setPrice('AAPL', 96);
    setPrice('AAPL', 95);
    expect(store.orders.get(buy.id)!.filledQty).toBe(7); // floor(5 x 0.5)
    expect(fillsOf(updates)).toEqual([
      ['partial_fill', '5', '95', '5'],
      ['partial_fill', '2', '95', '7'],
    ]);
  });

  it('touch-fills a limit sell that arrives at the current price, at that price', () => {
    const { engine, account, setPrice, store, updates } = setUp(OPEN);
    setPrice('AAPL', 100);
    engine.submit(account, order({ qty: 4 }));
    const sell = engine.submit(account, order({ side: 'sell', type: 'limit', timeInForce: 'gtc', qty: 4, limitPrice: 100 }));
    expect(store.orders.get(sell.id)).toMatchObject({ status: 'partially_filled', filledQty: 2 });
    expect(fillsOf(updates).at(-1)).toEqual(['partial_fill', '2', '100', '2']);
  });

  it.each([
    ['whole shares, at least one', 'AAPL', 1, 1, 1],
    ['whole shares, floored', 'AAPL', 3, 0.5, 1],
    ['everything at ratio 1', 'AAPL', 7, 1, 7],
    ['crypto to 9 decimals', 'BTC/USD', 0.3, 0.5, 0.15],
    ['crypto, at least 1e-9', 'BTC/USD', 0.000000003, 0.1, 0.000000001],
  ])('fills %s', (_name, symbol, qty, ratio, expected) => {
    const { engine, account, setPrice, store } = setUp(OPEN, ratio);
    setPrice(symbol, 100);
    const asset = findAsset(symbol)!;
    const buy = engine.submit(account, order({ asset, type: 'limit', timeInForce: 'gtc', qty, limitPrice: 99 }));
    setPrice(symbol, 99);
    expect(store.orders.get(buy.id)!.filledQty).toBe(expected);
    expect(store.orders.get(buy.id)!.status).toBe(expected === qty ? 'filled' : 'partially_filled');
  });

  it('keeps the filled part when a partially filled order is canceled', () => {
    const { engine, account, setPrice, store, updates } = setUp(OPEN);
    setPrice('AAPL', 100);
    const buy = engine.submit(account, order({ type: 'limit', timeInForce: 'gtc', qty: 10, limitPrice: 100 }));
    engine.cancel(store.orders.get(buy.id)!);
    expect(store.orders.get(buy.id)).toMatchObject({ status: 'canceled', filledQty: 5, filledAvgPrice: 100 });
    expect(updates.map((u) => u.event)).toEqual(['new', 'partial_fill', 'canceled']);
    expect(updates[2].position_qty).toBe('5');
  });

  it('cancels the rest of an ioc order after a touch fill and never part-fills a fok order', () => {
    const { engine, account, setPrice } = setUp(OPEN);
    setPrice('AAPL', 100);
    const ioc = engine.submit(account, order({ type: 'limit', timeInForce: 'ioc', qty: 4, limitPrice: 100 }));
    expect(ioc).toMatchObject({ status: 'canceled', filledQty: 2 });
    const fok = engine.submit(account, order({ type: 'limit', timeInForce: 'fok', qty: 4, limitPrice: 100 }));
    expect(fok).toMatchObject({ status: 'canceled', filledQty: 0 });
  });

  it('holds back buying power only for the unfilled part', () => {
    const { engine, account, setPrice, store, ledger } = setUp(OPEN);
    setPrice('AAPL', 100);
    engine.submit(account, order({ type: 'limit', timeInForce: 'gtc', qty: 10, limitPrice: 100 }));
    // 5 filled at 100 (cash 9,500, long 500, equity 10,000): 2 x 10,000 - 500 - 5 x 100 reserved.
    expect(accountBalances(store.accounts.get(account.id)!, ledger).buyingPower).toBe(19_000);
  });
});
