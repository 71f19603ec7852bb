import type { FakeBroker } from './testing/fake-broker';
import type { InMemoryRiskStore } from './testing/in-memory-risk-store';
import { executeStrategy } from './execute-strategy.activity';
import { riskEventId } from './risk/risk-event-id';
import { executionSetup, runOf as run, STRATEGY_ID } from './testing/execution-setup';

function setup(configuration: Record<string, unknown> = {}) {
  return executionSetup('dca', { symbol: 'AAPL', amount_per_buy: 100, allocated_capital: 1000, ...configuration }, { spent: 200, buys: 2 });
}

describe('executeStrategy with the risk validator', () => {
  it("holds a DCA buy above the strategy's max_order_notional: nothing reaches the broker, one risk event, state unchanged", async () => {
    const { store, broker, riskStore, deps, logLines } = setup({ max_order_notional: 50 });
    const result = await executeStrategy(deps, run(3));

    expect(result).toMatchObject({ action: 'hold', reason: "risk: max_order_notional: buy order of $100.00 of AAPL is above the strategy's max_order_notional $50.00" });
    expect(result.order).toBeUndefined();
    expect(broker.placed).toEqual([]);
    expect(store.orders.size).toBe(0);
    expect(store.executions.get(`${STRATEGY_ID}#3`)?.status).toBe('succeeded');
    expect(store.strategies.get(STRATEGY_ID)?.state).toEqual({ spent: 200, buys: 2 });

    expect([...riskStore.events.values()]).toEqual([
      {
        id: riskEventId(`run:${STRATEGY_ID}:3`),
        userId: 'user-1',
        strategyId: STRATEGY_ID,
        rule: 'max_order_notional',
        reason: "buy order of $100.00 of AAPL is above the strategy's max_order_notional $50.00",
        details: expect.objectContaining({ order_notional: 100, max_order_notional: 50, limit_source: 'strategy', key: `run:${STRATEGY_ID}:3`, orders: [{ symbol: 'AAPL', side: 'buy', type: 'market', notional: 100 }] }),
      },
    ]);
    expect(logLines).toContainEqual(expect.objectContaining({ level: 40, msg: "❌ Risk validation failed: max_order_notional: buy order of $100.00 of AAPL is above the strategy's max_order_notional $50.00" }));
    expect(logLines.map((l) => l.msg)).toContain("⏸️ HOLD - risk: max_order_notional: buy order of $100.00 of AAPL is above the strategy's max_order_notional $50.00");
  });

  it('records one risk event when the run is retried after a crash, and replays the verdict instead of checking again', async () => {
    const { store, broker, riskStore, deps } = setup();
    riskStore.history.userLimits = { max_order_notional: 75 };
    // Attempt 1 recorded the decision (a refusal), then died before writing the risk event.
    const recordRiskEvent = riskStore.recordRiskEvent.bind(riskStore);
    riskStore.recordRiskEvent = jest.fn().mockRejectedValueOnce(new Error('worker killed')).mockImplementation(recordRiskEvent);
    await expect(executeStrategy(deps, run(1))).rejects.toThrow('worker killed');

    // Meanwhile the user raised the limit: the run still acts on what it decided.
    riskStore.history.userLimits = { max_order_notional: 10_000 };
    const queriesBefore = riskStore.queries.length;
    const retried = await executeStrategy(deps, run(1));
    expect(retried).toMatchObject({ action: 'hold', reason: expect.stringMatching(/^risk: max_order_notional: .* your max_order_notional \$75\.00$/) });
    expect(riskStore.queries.length).toBe(queriesBefore);

    // A third attempt (Temporal retrying after a lost completion) changes nothing either.
    expect(await executeStrategy(deps, run(1))).toEqual(retried);
    expect(riskStore.events.size).toBe(1);
    expect(broker.placed).toEqual([]);
    expect(store.orders.size).toBe(0);
  });

  it('checks again on the next run, which trades once the limit allows it', async () => {
    const { broker, riskStore, deps } = setup();
    riskStore.history.userLimits = { max_order_notional: 75 };
    expect((await executeStrategy(deps, run(1))).action).toBe('hold');
    riskStore.history.userLimits = { max_order_notional: 150 };
    expect((await executeStrategy(deps, run(2))).action).toBe('buy');
    expect(broker.placed).toHaveLength(1);
    expect(riskStore.events.size).toBe(1);
  });

  it.each([
    ['the equity market is closed', (b: FakeBroker, _r: InMemoryRiskStore) => {
      b.getClock = async () => ({ isOpen: false, timestamp: '', nextOpen: '2026-11-26T14:30:00Z', nextClose: '' });
    }, 'market_closed'],
    ['the asset is halted', (b: FakeBroker) => {
      b.getAsset = async (symbol: string) => ({ symbol, assetClass: 'us_equity' as const, tradable: false, shortable: false, fractionable: true });
    }, 'asset_not_tradable'],
    ['a stop-loss fired 5 minutes ago', (_b: FakeBroker, r: InMemoryRiskStore) => {
      r.history.lastStopLossAt = new Date('2026-11-25T14:55:00Z');
    }, 'stop_loss_cooldown'],
    ["the user's strategies lost 5% of equity today", (_b: FakeBroker, r: InMemoryRiskStore) => {
      r.history.realizedPnlToday = { strategy: 0, user: -500 };
    }, 'max_daily_loss'],
    ['the strategy has too many open orders', (_b: FakeBroker, r: InMemoryRiskStore) => {
      r.history.openOrders = 200;
    }, 'max_open_orders'],
  ])('holds when %s', async (_label, arrange, rule) => {
    const { broker, riskStore, deps } = setup();
    arrange(broker, riskStore);
    const result = await executeStrategy(deps, run(1));
    expect(result.action).toBe('hold');
    expect(result.reason.startsWith(`risk: ${rule}: `)).toBe(true);
    expect(broker.placed).toEqual([]);
    expect([...riskStore.events.values()].map((e) => e.rule)).toEqual([rule]);
  });

  it('does not consult the validator for a hold, and lets an allowed order through', async () => {
    const { broker, riskStore, deps, store } = setup();
    store.strategies.get(STRATEGY_ID)!.state = { spent: 1000, buys: 10 };
    expect((await executeStrategy(deps, run(1))).action).toBe('hold');
    expect(riskStore.queries).toEqual([]);

    store.strategies.get(STRATEGY_ID)!.state = {};
    expect((await executeStrategy(deps, run(2))).action).toBe('buy');
    expect(riskStore.queries).toEqual([{ strategyId: STRATEGY_ID, userId: 'user-1', symbol: 'AAPL', since: new Date('2026-11-25T05:00:00Z') }]);
    expect(broker.placed).toHaveLength(1);
    expect(riskStore.events.size).toBe(0);
  });
});
