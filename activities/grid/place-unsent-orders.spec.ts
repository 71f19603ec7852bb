import pino from 'pino';
import { gridClientOrderId } from '../../libs/contracts';
import type { BotOrder } from '../../libs/database/entities';
import { FakeBroker } from '../strategy-execution/testing/fake-broker';
import { InMemoryExecutionStore } from '../strategy-execution/testing/in-memory-execution-store';
import type { GridActivityDeps } from './grid-activity.deps';
import type { GridOrderStore } from './grid-order-store';
import { placeUnsentOrders } from './place-unsent-orders';

const STRATEGY_ID = '0b7d6f1c-2a9e-4c1e-9a55-3d2f8e7b1a02';

function unsentBuy(level: number): BotOrder {
  return {
    userId: 'user-1',
    strategyId: STRATEGY_ID,
    runNumber: 1,
    clientOrderId: gridClientOrderId(STRATEGY_ID, level, 1, 'buy'),
    symbol: 'AAPL',
    side: 'buy',
    type: 'limit',
    timeInForce: 'gtc',
    qty: 1,
    notional: null,
    limitPrice: 90 + level * 5,
  } as BotOrder;
}

/** A grid whose three opening orders are recorded; the store flips the strategy inactive after `stopAfter` sends. */
function setup(stopAfter: number) {
  const store = new InMemoryExecutionStore();
  store.strategies.set(STRATEGY_ID, { id: STRATEGY_ID, userId: 'user-1', name: 'AAPL grid', type: 'spot_grid', isActive: true, configuration: {}, state: {} });
  const broker = new FakeBroker();
  const place = broker.placeOrder.bind(broker);
  broker.placeOrder = async (request) => {
    const order = await place(request);
    if (broker.placed.length >= stopAfter) store.strategies.get(STRATEGY_ID)!.isActive = false;
    return order;
  };
  const orders = { unsent: async () => [unsentBuy(0), unsentBuy(1), unsentBuy(2)] } as unknown as GridOrderStore;
  const deps = { store, orders, logger: pino({ level: 'silent' }), now: () => new Date() } as unknown as GridActivityDeps;
  return { broker, deps };
}

describe('placeUnsentOrders', () => {
  it('sends every recorded order of an active grid', async () => {
    const { broker, deps } = setup(Infinity);
    const outcome = await placeUnsentOrders(deps, broker, STRATEGY_ID);
    expect(outcome.placed).toHaveLength(3);
  });

  it('sends nothing more once the strategy is stopped mid-way, and ends the step as inactive', async () => {
    const { broker, deps } = setup(1);
    await expect(placeUnsentOrders(deps, broker, STRATEGY_ID)).rejects.toMatchObject({ name: 'StrategyInactiveError' });
    expect(broker.placed.map((o) => o.clientOrderId)).toEqual([gridClientOrderId(STRATEGY_ID, 0, 1, 'buy')]);
  });
});
