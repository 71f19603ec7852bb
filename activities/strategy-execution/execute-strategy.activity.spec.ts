import pino from 'pino';
import { CredentialsNotFoundError } from '../../libs/broker-accounts/credential-errors';
import { InsufficientBuyingPowerError } from '../../libs/broker/broker.errors';
import { executeStrategy, type ExecuteStrategyDeps } from './execute-strategy.activity';
import { FakeBroker } from './testing/fake-broker';
import { InMemoryExecutionStore } from './testing/in-memory-execution-store';
import { InMemoryRiskStore } from './testing/in-memory-risk-store';

const STRATEGY_ID = '6f1c2a9e-0b7d-4c1e-9a55-3d2f8e7b1a01';

function setup(overrides: Partial<{ isActive: boolean; credentials: boolean }> = {}) {
  const store = new InMemoryExecutionStore();
  store.strategies.set(STRATEGY_ID, {
    id: STRATEGY_ID,
    userId: 'user-1',
    name: 'Daily AAPL',
    type: 'dca',
    isActive: overrides.isActive ?? true,
    configuration: { symbol: 'AAPL', amount_per_buy: 100, allocated_capital: 1000 },
    state: {},
  });
  const broker = new FakeBroker();
  const riskStore = new InMemoryRiskStore();
  const deps: ExecuteStrategyDeps = {
    store,
    riskStore,
    loadCredentials: async () => {
      if (overrides.credentials === false) throw new CredentialsNotFoundError();
      return { kind: 'key', keyId: 'k', secretKey: 's', environment: 'paper' };
    },
    brokerFor: () => broker,
    logger: pino({ level: 'silent' }),
    now: () => new Date('2026-11-25T15:00:00Z'),
  };
  return { store, broker, riskStore, deps };
}

const run = (runNumber: number) => ({ strategyId: STRATEGY_ID, runNumber, trigger: 'scheduled' as const });

describe('executeStrategy', () => {
  it('places the decided order under a client_order_id derived from strategy and run, and records the run', async () => {
    const { store, broker, deps } = setup();
    const result = await executeStrategy(deps, run(1));

    expect(result).toMatchObject({ strategy_id: STRATEGY_ID, run_number: 1, action: 'buy' });
    expect(broker.placed).toHaveLength(1);
    expect(broker.placed[0]).toMatchObject({ clientOrderId: `ap-${STRATEGY_ID.replace(/-/g, '')}-1`, symbol: 'AAPL', side: 'buy', notional: 100 });
    expect(result.order?.broker_order_id).toBe('broker-1');
    expect(store.executions.get(`${STRATEGY_ID}#1`)?.status).toBe('succeeded');
    expect(store.strategies.get(STRATEGY_ID)?.state).toMatchObject({ spent: 100 });
  });

  it('returns the recorded result when a finished run is executed again, without touching the broker', async () => {
    const { broker, deps } = setup();
    const first = await executeStrategy(deps, run(1));
    const again = await executeStrategy(deps, run(1));
    expect(again).toEqual(first);
    expect(broker.placed).toHaveLength(1);
  });

  it('adopts the order a crashed attempt already sent instead of sending a second one', async () => {
    const { store, broker, deps } = setup();
    // Attempt 1 sent the order, then died before recording the broker's answer.
    store.recordDecision = jest.fn(store.recordDecision.bind(store));
    const applyBrokerOrder = store.applyBrokerOrder.bind(store);
    store.applyBrokerOrder = jest.fn().mockRejectedValueOnce(new Error('worker killed')).mockImplementation(applyBrokerOrder);
    await expect(executeStrategy(deps, run(1))).rejects.toThrow('worker killed');
    expect(broker.placed).toHaveLength(1);

    // Attempt 2 finds it by client_order_id at the broker.
    const result = await executeStrategy(deps, run(1));
    expect(broker.placed).toHaveLength(1);
    expect(result.action).toBe('buy');
    expect(result.order?.broker_order_id).toBe('broker-1');
  });

  it('acts on the decision recorded by an earlier attempt, even when the market has moved since', async () => {
    const { broker, deps } = setup();
    broker.failNextPlacement = new Error('socket hang up');
    await expect(executeStrategy(deps, run(1))).rejects.toThrow('socket hang up');
    broker.buyingPower = 0; // a fresh decision would now hold
    const result = await executeStrategy(deps, run(1));
    expect(result.action).toBe('buy');
    expect(broker.placed).toHaveLength(1);
  });

  it('records the failure on the run and rethrows it by name when credentials are missing', async () => {
    const { store, broker, deps } = setup({ credentials: false });
    await expect(executeStrategy(deps, run(1))).rejects.toMatchObject({ name: 'CredentialsNotFoundError', message: 'Alpaca credentials not found' });
    expect(store.executions.get(`${STRATEGY_ID}#1`)).toMatchObject({ status: 'failed', error: 'Alpaca credentials not found' });
    expect(broker.placed).toHaveLength(0);
  });

  it('marks the order rejected when the broker refuses it for buying power', async () => {
    const { store, broker, deps } = setup();
    broker.failNextPlacement = new InsufficientBuyingPowerError('insufficient buying power', 403);
    await expect(executeStrategy(deps, run(1))).rejects.toMatchObject({ name: 'InsufficientBuyingPowerError' });
    expect([...store.orders.values()][0].status).toBe('rejected');
  });

  it('sends nothing when the strategy is stopped while the run is deciding', async () => {
    const { store, broker, deps } = setup();
    const recordDecision = store.recordDecision.bind(store);
    store.recordDecision = async (...args) => {
      await recordDecision(...args);
      store.strategies.get(STRATEGY_ID)!.isActive = false; // the user pressed stop meanwhile
    };
    await expect(executeStrategy(deps, run(1))).rejects.toMatchObject({ name: 'StrategyInactiveError' });
    expect(broker.placed).toHaveLength(0);
  });

  it.each([
    ['inactive', { isActive: false }, 'StrategyInactiveError'],
  ])('refuses to run a strategy that is %s', async (_label, overrides, errorName) => {
    const { broker, deps } = setup(overrides);
    await expect(executeStrategy(deps, run(1))).rejects.toMatchObject({ name: errorName });
    expect(broker.placed).toHaveLength(0);
  });

  it('refuses to run a strategy that no longer exists', async () => {
    const { store, deps } = setup();
    store.strategies.clear();
    await expect(executeStrategy(deps, run(1))).rejects.toMatchObject({ name: 'StrategyNotFoundError' });
  });
});
