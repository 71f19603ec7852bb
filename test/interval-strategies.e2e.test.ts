import { MEAN_REVERSION_DIP, SCALPING_EMA_CROSS_UP, SWING_GOLDEN_CROSS } from '../libs/strategies/testing/signal-series.fixture';
import { exchangeAdmin, startStrategyTestStack, userWithPaperAccount, type StrategyTestStack } from './support/strategy-stack';
import { eventually } from './support/temporal';

interface ExchangeOrder {
  client_order_id: string;
  symbol: string;
  side: string;
  qty: string | null;
  notional: string | null;
  status: string;
}

type User = Awaited<ReturnType<typeof userWithPaperAccount>>;

/** Scripted bars: open = previous close, high/low bound both. */
function barsOf(closes: readonly number[], volume = 1_000): Array<{ o: number; h: number; l: number; c: number; v: number }> {
  return closes.map((c, i) => {
    const o = i === 0 ? c : closes[i - 1];
    return { o, h: Math.max(o, c), l: Math.min(o, c), c, v: volume };
  });
}

/** The closes of the SPY/QQQ pair documented in the README: QQQ climbs 0.5 a bar, SPY tracks it, then jumps. */
const PAIR_QQQ = Array.from({ length: 21 }, (_, i) => 440 + 0.5 * i);
const PAIR_SPY = [529, 527.6, 530.2, 528.8, 531.4, 530, 532.6, 531.2, 533.8, 532.4, 535, 533.6, 536.2, 534.8, 537.4, 536, 538.6, 537.2, 539.8, 538.4, 543];

/**
 * Each interval type of issue 5 through the API on the whole stack (paper exchange, database,
 * API, worker, real Temporal): a price or news script that must trigger a trade, the orders that
 * reached the exchange, and the reason recorded on the execution. Every test uses its own
 * account and symbols, because the exchange's prices are shared.
 */
describe.each(['sqlite', 'postgres'] as const)('interval strategies over the API (%s)', (kind) => {
  let stack: StrategyTestStack;

  beforeAll(async () => {
    stack = await startStrategyTestStack(kind);
    await exchangeAdmin(stack, '/admin/clock', { is_open: true });
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
  }, 60_000);

  async function create(user: User, type: string, configuration: Record<string, unknown>) {
    const res = await stack
      .http()
      .post('/api/strategies')
      .set('Authorization', user.auth)
      .send({ name: `${type} e2e`, type, auto_start: true, configuration });
    if (res.status !== 201) throw new Error(`create ${type} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as { id: string; initial_execution_result: { action: string; reason: string; orders?: Array<{ symbol: string; side: string; status: string }> } };
  }

  const sentOrders = (user: User) => exchangeAdmin<ExchangeOrder[]>(stack, `/admin/orders?key_id=${user.keyId}`);

  async function recordedReason(user: User, strategyId: string): Promise<string> {
    const res = await stack.http().get(`/api/strategies/${strategyId}/executions`).set('Authorization', user.auth).expect(200);
    const first = res.body.find((run: { run_number: number }) => run.run_number === 1);
    return first.reason;
  }

  async function stop(user: User, strategyId: string): Promise<void> {
    await stack.http().patch(`/api/strategies/${strategyId}`).set('Authorization', user.auth).send({ is_active: false }).expect(200);
  }

  // Bars are placed in the current bucket: wait out the end of a minute so a 1-minute script is
  // still the current bar when the run reads it.
  async function awayFromMinuteEnd(): Promise<void> {
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 45_000) await new Promise((resolve) => setTimeout(resolve, 60_500 - intoMinute));
  }

  it('mean_reversion buys a close 2.5 standard deviations below its 20-bar mean', async () => {
    const user = await userWithPaperAccount(stack);
    await exchangeAdmin(stack, '/admin/bars', { symbol: 'MSFT', timeframe: '15Min', bars: barsOf(MEAN_REVERSION_DIP) });
    const created = await create(user, 'mean_reversion', { symbol: 'MSFT', allocated_capital: 1000 });
    const expected = /z-score -2\.50 below -2\.00 entry \(close 98\.50, 20-bar mean 101\.00, sd 1\.00\); buying 10 MSFT/;
    expect(created.initial_execution_result).toMatchObject({ action: 'buy' });
    expect(created.initial_execution_result.reason).toMatch(expected);
    expect(await sentOrders(user)).toMatchObject([{ symbol: 'MSFT', side: 'buy', qty: '10', status: 'filled' }]);
    expect(await recordedReason(user, created.id)).toMatch(expected);
    await stop(user, created.id);
  }, 60_000);

  it('swing_trading buys a golden cross confirmed by RSI', async () => {
    const user = await userWithPaperAccount(stack);
    await exchangeAdmin(stack, '/admin/bars', { symbol: 'NVDA', timeframe: '1Hour', bars: barsOf(SWING_GOLDEN_CROSS) });
    const created = await create(user, 'swing_trading', { symbol: 'NVDA', allocated_capital: 1000 });
    expect(created.initial_execution_result).toMatchObject({ action: 'buy' });
    expect(created.initial_execution_result.reason).toMatch(/golden cross: fast SMA\(10\) 99\.94 .*RSI\(14\) 66\.5/);
    expect(await sentOrders(user)).toMatchObject([{ symbol: 'NVDA', side: 'buy', qty: '9', status: 'filled' }]);
    expect(await recordedReason(user, created.id)).toMatch(/golden cross/);
    await stop(user, created.id);
  }, 60_000);

  it('scalping buys an EMA cross when the spread is tight and holds when it is wide', async () => {
    const user = await userWithPaperAccount(stack);
    await exchangeAdmin(stack, '/admin/quotes', { symbol: 'AMD', spread_bps: 25 });
    await awayFromMinuteEnd();
    await exchangeAdmin(stack, '/admin/bars', { symbol: 'AMD', timeframe: '1Min', bars: barsOf(SCALPING_EMA_CROSS_UP) });
    const wide = await create(user, 'scalping', { symbol: 'AMD', allocated_capital: 1000 });
    expect(wide.initial_execution_result).toMatchObject({ action: 'hold' });
    expect(wide.initial_execution_result.reason).toMatch(/wider than the 10 bps max/);
    await stop(user, wide.id);

    await exchangeAdmin(stack, '/admin/quotes', { symbol: 'AMD', spread_bps: 2 });
    await awayFromMinuteEnd();
    await exchangeAdmin(stack, '/admin/bars', { symbol: 'AMD', timeframe: '1Min', bars: barsOf(SCALPING_EMA_CROSS_UP) });
    const tight = await create(user, 'scalping', { symbol: 'AMD', allocated_capital: 1000 });
    expect(tight.initial_execution_result).toMatchObject({ action: 'buy' });
    expect(tight.initial_execution_result.reason).toMatch(/EMA/);
    expect(await sentOrders(user)).toMatchObject([{ symbol: 'AMD', side: 'buy', qty: '9', status: 'filled' }]);
    // Its tight exits are the position-exit monitor's rules, stored with the configuration.
    const stored = await stack.http().get(`/api/strategies/${tight.id}`).set('Authorization', user.auth).expect(200);
    expect(stored.body.configuration).toMatchObject({ take_profit_pct: 0.5, stop_loss_pct: 0.3 });
    await stop(user, tight.id);
  }, 150_000);

  it('pairs_trading shorts the rich leg and buys the cheap one as one unit', async () => {
    const user = await userWithPaperAccount(stack);
    await exchangeAdmin(stack, '/admin/bars', { symbol: 'QQQ', timeframe: '15Min', bars: barsOf(PAIR_QQQ) });
    await exchangeAdmin(stack, '/admin/bars', { symbol: 'SPY', timeframe: '15Min', bars: barsOf(PAIR_SPY) });
    const created = await create(user, 'pairs_trading', { symbol_a: 'SPY', symbol_b: 'QQQ', allocated_capital: 10000, lookback_bars: 20 });
    const expected = /spread z-score 3\.17 above 2\.00 entry \(β 1\.17 over 20 bars\): short 9 SPY, long 11 QQQ/;
    expect(created.initial_execution_result).toMatchObject({ action: 'buy' });
    expect(created.initial_execution_result.reason).toMatch(expected);
    expect(created.initial_execution_result.orders).toMatchObject([
      { symbol: 'SPY', side: 'sell', status: 'filled' },
      { symbol: 'QQQ', side: 'buy', status: 'filled' },
    ]);
    expect(await sentOrders(user)).toMatchObject([
      { symbol: 'SPY', side: 'sell', qty: '9', status: 'filled' },
      { symbol: 'QQQ', side: 'buy', qty: '11', status: 'filled' },
    ]);
    expect(await recordedReason(user, created.id)).toMatch(expected);
    const runs = await stack.http().get(`/api/strategies/${created.id}/executions`).set('Authorization', user.auth).expect(200);
    const orders = await stack.http().get(`/api/strategies/${created.id}/orders`).set('Authorization', user.auth).expect(200);
    expect(runs.body[0].order_ids).toHaveLength(2);
    expect(new Set(runs.body[0].order_ids)).toEqual(new Set(orders.body.map((order: { id: string }) => order.id)));
    await stop(user, created.id);
  }, 60_000);

  it('arbitrage trades BTC/USD against BTC/USDT x USDT/USD as one unit when the edge beats fees', async () => {
    const user = await userWithPaperAccount(stack);
    for (const [symbol, price] of [['USDT/USD', 1], ['BTC/USDT', 100000], ['BTC/USD', 101000]] as const) {
      await exchangeAdmin(stack, '/admin/prices', { symbol, price, frozen: true });
    }
    const created = await create(user, 'arbitrage', { route: 'stablecoin', asset: 'BTC', via: 'USDT', trade_notional_usd: 1000, allocated_capital: 2000 });
    const expected = /BTC\/USD bid 100979\.80 is 0\.94% above BTC\/USDT×USDT\/USD ask 100040\.00: net edge 18\.4 bps after 75 bps fees/;
    expect(created.initial_execution_result).toMatchObject({ action: 'buy' });
    expect(created.initial_execution_result.reason).toMatch(expected);
    expect(await sentOrders(user)).toMatchObject([
      { symbol: 'USDT/USD', side: 'buy', qty: '999.800039', status: 'filled' },
      { symbol: 'BTC/USDT', side: 'buy', qty: '0.009971', status: 'filled' },
      { symbol: 'BTC/USD', side: 'sell', qty: '0.009946', status: 'filled' },
    ]);
    expect(await recordedReason(user, created.id)).toMatch(expected);
    await stop(user, created.id);
  }, 60_000);

  it('news_based_trading buys on strongly positive headlines and never counts one twice', async () => {
    const user = await userWithPaperAccount(stack);
    const now = new Date(Date.now() - 60_000).toISOString();
    await exchangeAdmin(stack, '/admin/news', [
      { headline: 'Apple beats estimates, raises guidance', summary: 'Analysts cheer record iPhone sales', symbols: ['AAPL'], created_at: now },
      { headline: 'Analysts upgrade Apple', summary: '', symbols: ['AAPL'], created_at: now },
    ]);
    const created = await create(user, 'news_based_trading', { symbol: 'AAPL', allocated_capital: 1000 });
    const expected = /news score \+6\.5 from 2 new headlines is at or above the \+2\.0 buy threshold: "Apple beats estimates, raises guidance" \+4\.5/;
    expect(created.initial_execution_result).toMatchObject({ action: 'buy' });
    expect(created.initial_execution_result.reason).toMatch(expected);
    expect(await sentOrders(user)).toMatchObject([{ symbol: 'AAPL', side: 'buy', status: 'filled' }]);
    expect(await recordedReason(user, created.id)).toMatch(expected);

    // The same headlines are still in the news API's window: the next run ignores them.
    const again = await stack.http().post(`/api/strategies/${created.id}/execute`).set('Authorization', user.auth).expect(200);
    expect(again.body).toMatchObject({ action: 'hold' });
    expect(again.body.reason).toMatch(/no new headlines/);
    expect(await sentOrders(user)).toHaveLength(1);
    await stop(user, created.id);
  }, 60_000);

  it('smart_rebalance invests a basket, then sells the overweight holding before buying the others', async () => {
    const user = await userWithPaperAccount(stack);
    for (const [symbol, price] of [['JPM', 500], ['XOM', 400], ['ETH/USD', 50000]] as const) {
      await exchangeAdmin(stack, '/admin/prices', { symbol, price, frozen: true });
    }
    const created = await create(user, 'smart_rebalance', { targets: { JPM: 60, XOM: 30, 'ETH/USD': 10 }, allocated_capital: 10000 });
    expect(created.initial_execution_result).toMatchObject({ action: 'buy' });
    expect(created.initial_execution_result.reason).toBe(
      'investing $10,000.00 of allocated capital (nothing held yet); buy $6,000.00 JPM, buy $3,000.00 XOM, buy $1,000.00 ETH/USD',
    );
    expect(await sentOrders(user)).toMatchObject([
      { symbol: 'JPM', side: 'buy', notional: '6000', status: 'filled' },
      { symbol: 'XOM', side: 'buy', notional: '3000', status: 'filled' },
      { symbol: 'ETH/USD', side: 'buy', notional: '1000', status: 'filled' },
    ]);

    await exchangeAdmin(stack, '/admin/prices', { symbol: 'JPM', price: 700, frozen: true });
    const rebalance = await stack.http().post(`/api/strategies/${created.id}/execute`).set('Authorization', user.auth).expect(200);
    expect(rebalance.body.reason).toBe(
      'rebalancing: JPM 67.7% vs 60% target (+7.7 pp) exceeds 5 pp; sell 1 JPM, buy $525.00 XOM, buy $175.00 ETH/USD; buys limited to the $700.00 raised by sells',
    );
    const sent = await sentOrders(user);
    expect(sent.slice(3)).toMatchObject([
      { symbol: 'JPM', side: 'sell', qty: '1', status: 'filled' },
      { symbol: 'XOM', side: 'buy', notional: '525', status: 'filled' },
      { symbol: 'ETH/USD', side: 'buy', notional: '175', status: 'filled' },
    ]);
    await stop(user, created.id);
  }, 60_000);

  it('smart_rebalance of an all-crypto basket buys with what its own sell raised when the account has no other cash', async () => {
    const user = await userWithPaperAccount(stack, 10_000);
    // Each coin is half of this account: above the default max_position_pct of 25.
    await stack.http().patch('/api/users/me/risk-limits').set('Authorization', user.auth).send({ max_position_pct: 100 }).expect(200);
    for (const [symbol, price] of [['SOL/USD', 100], ['LTC/USD', 50]] as const) {
      await exchangeAdmin(stack, '/admin/prices', { symbol, price, frozen: true });
    }
    const created = await create(user, 'smart_rebalance', { targets: { 'SOL/USD': 50, 'LTC/USD': 50 }, allocated_capital: 10000 });
    expect(created.initial_execution_result.reason).toBe('investing $10,000.00 of allocated capital (nothing held yet); buy $5,000.00 SOL/USD, buy $5,000.00 LTC/USD');
    const account = async () => {
      const res = await fetch(`${stack.exchange.url}/v2/account`, { headers: { 'APCA-API-KEY-ID': user.keyId, 'APCA-API-SECRET-KEY': user.secretKey } });
      return (await res.json()) as { cash: string; non_marginable_buying_power: string };
    };
    expect(await account()).toMatchObject({ cash: '0', non_marginable_buying_power: '0' });

    // SOL 50 x 125 = $6,250 of a $11,250 basket: 5 SOL ($625) go to LTC, paid with the sale's proceeds.
    await exchangeAdmin(stack, '/admin/prices', { symbol: 'SOL/USD', price: 125, frozen: true });
    const rebalance = await stack.http().post(`/api/strategies/${created.id}/execute`).set('Authorization', user.auth).expect(200);
    expect(rebalance.body).toMatchObject({
      action: 'buy',
      reason: 'rebalancing: SOL/USD 55.6% vs 50% target (+5.6 pp) exceeds 5 pp; sell 5 SOL/USD, buy $625.00 LTC/USD',
    });
    expect((await sentOrders(user)).slice(2)).toMatchObject([
      { symbol: 'SOL/USD', side: 'sell', qty: '5', status: 'filled' },
      { symbol: 'LTC/USD', side: 'buy', notional: '625', status: 'filled' },
    ]);
    expect((await account()).cash).toBe('0');
    await stop(user, created.id);
  }, 60_000);

  it.each([
    ['mean_reversion', { symbol: 'MSFT', allocated_capital: 1000, entry_z: 4, stop_z: 3 }, /configuration\.stop_z/],
    ['swing_trading', { symbol: 'NVDA', allocated_capital: 1000, fast_period: 30, slow_period: 10 }, /configuration\.slow_period/],
    ['scalping', { symbol: 'AMD', allocated_capital: 1000, max_spread_bps: -1 }, /configuration\.max_spread_bps/],
    ['pairs_trading', { symbol_a: 'SPY', symbol_b: 'SPY', allocated_capital: 1000 }, /configuration\.symbol_b/],
    ['arbitrage', { route: 'stablecoin', asset: 'BTC', via: 'BTC', trade_notional_usd: 100, allocated_capital: 1000 }, /configuration\.via/],
    ['news_based_trading', { symbol: 'AAPL', allocated_capital: 1000, buy_threshold: -3, sell_threshold: -2 }, /configuration\.buy_threshold/],
    ['smart_rebalance', { targets: { SPY: 60, QQQ: 30 }, allocated_capital: 1000 }, /configuration\.targets/],
  ])('%s: an invalid configuration is a 400 naming the field, and nothing is written', async (type, configuration, field) => {
    const user = await userWithPaperAccount(stack);
    const res = await stack.http().post('/api/strategies').set('Authorization', user.auth).send({ name: 'bad', type, configuration }).expect(400);
    expect(JSON.stringify(res.body.message)).toMatch(field);
    expect((await stack.http().get('/api/strategies').set('Authorization', user.auth).expect(200)).body).toEqual([]);
  });

  it('lists every type of this issue as supported, with its schema and interval', async () => {
    const user = await userWithPaperAccount(stack);
    const res = await stack.http().get('/api/strategies/types').set('Authorization', user.auth).expect(200);
    const byType = new Map(res.body.map((entry: { type: string }) => [entry.type, entry]));
    const expected: Record<string, [number, string]> = {
      mean_reversion: [1800, 'entry_z'],
      pairs_trading: [1800, 'symbol_b'],
      swing_trading: [1800, 'slow_period'],
      scalping: [30, 'max_spread_bps'],
      arbitrage: [60, 'min_edge_bps'],
      news_based_trading: [300, 'buy_threshold'],
      smart_rebalance: [604_800, 'targets'],
    };
    for (const [type, [interval, field]] of Object.entries(expected)) {
      expect(byType.get(type)).toMatchObject({ supported: true, kind: 'interval', interval_seconds: interval });
      expect((byType.get(type) as { configuration_schema: { properties: object } }).configuration_schema.properties).toHaveProperty(field);
    }
  });

  it('keeps trading on its interval: a scheduled run follows the initial one', async () => {
    const user = await userWithPaperAccount(stack);
    await exchangeAdmin(stack, '/admin/bars', { symbol: 'KO', timeframe: '15Min', bars: barsOf(MEAN_REVERSION_DIP) });
    const created = await create(user, 'mean_reversion', { symbol: 'KO', allocated_capital: 1000, interval_seconds: 1 });
    expect(created.initial_execution_result).toMatchObject({ action: 'buy' });
    const scheduled = await eventually(async () => {
      const res = await stack.http().get(`/api/strategies/${created.id}/executions`).set('Authorization', user.auth).expect(200);
      return res.body.find((run: { trigger: string; status: string }) => run.trigger === 'scheduled' && run.status === 'succeeded');
    }, 10_000, 200);
    // Holding 10 KO at z -2.5: not yet back at the mean, so it holds.
    expect(scheduled).toMatchObject({ action: 'hold' });
    await stop(user, created.id);
    expect(await sentOrders(user)).toHaveLength(1);
  }, 60_000);
});
