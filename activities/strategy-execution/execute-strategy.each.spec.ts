import { InsufficientBuyingPowerError } from '../../libs/broker/broker.errors';
import type { BrokerPosition } from '../../libs/broker/broker.port';
import { clientOrderId, type OrderIntent } from '../../libs/contracts';
import * as registry from '../../libs/strategies/registry';
import { executeStrategy } from './execute-strategy.activity';
import { executionSetup, runOf, STRATEGY_ID } from './testing/execution-setup';
import { marketOrder, scriptedStrategy } from './testing/scripted-strategy';

const HELD_BTC: BrokerPosition = { symbol: 'BTCUSD', qty: 0.1, side: 'long', avgEntryPrice: 60_000, marketValue: 6_500, currentPrice: 65_000, unrealizedPl: 500 };

// A rebalance's shape: sell the overweight coin, buy the underweight one with the proceeds ($1,300 each way).
const SELL_BTC = marketOrder('sell', 0.02, 'BTC/USD');
const BUY_ETH = marketOrder('buy', 0.4, 'ETH/USD');

/** A cash-less account holding 0.1 BTC, deciding `orders` with placement 'each'. */
function rebalanceSetup(orders: OrderIntent[]) {
  const setup = executionSetup('smart_rebalance', { symbol: 'BTC/USD' });
  const decision = { action: 'buy' as const, reason: 'rebalancing', orders, nextState: { rebalances: 1 }, placement: 'each' as const };
  jest.spyOn(registry, 'getStrategy').mockReturnValue(scriptedStrategy({ request: { otherSymbols: ['ETH/USD'] }, decision }).definition);
  setup.broker.prices = { 'BTC/USD': 65_000, 'ETH/USD': 3_250 };
  setup.broker.buyingPower = 0;
  setup.broker.equity = 6_500;
  setup.broker.positions = { 'BTC/USD': HELD_BTC, 'ETH/USD': undefined };
  return setup;
}

/** Records placements and polls in `events`; the BTC sell polled fills on the `fillOnPoll`th poll (never when omitted). */
function traceBroker(broker: ReturnType<typeof rebalanceSetup>['broker'], events: string[], fillOnPoll?: number) {
  const getOrder = broker.getOrder.bind(broker);
  let polls = 0;
  broker.getOrder = async (id) => {
    const order = await getOrder(id);
    if (++polls === fillOnPoll) broker.orders.set(order.clientOrderId, { ...order, status: 'filled', filledQty: order.qty ?? 0, filledAvgPrice: 65_000 });
    const now = await getOrder(id);
    events.push(`poll ${now.symbol} ${now.status}`);
    return now;
  };
  const placeOrder = broker.placeOrder.bind(broker);
  broker.placeOrder = async (request) => {
    events.push(`place ${request.symbol}`);
    return placeOrder(request);
  };
}

afterEach(() => jest.restoreAllMocks());

describe("executeStrategy: an 'each' decision of several orders (smart_rebalance)", () => {
  it('lets a buy spend what the sell before it raises, and sends the buy once the sell has filled', async () => {
    const { store, broker, riskStore, deps } = rebalanceSetup([SELL_BTC, BUY_ETH]);
    broker.fills['BTC/USD'] = 'new';
    const events: string[] = [];
    traceBroker(broker, events, 2);

    const result = await executeStrategy(deps, runOf(1));

    expect(riskStore.events.size).toBe(0);
    expect(events).toEqual(['place BTC/USD', 'poll BTC/USD new', 'poll BTC/USD filled', 'place ETH/USD']);
    expect(result).toMatchObject({ action: 'buy', reason: 'rebalancing' });
    expect(result.orders?.map((o) => [o.client_order_id, o.side, o.status])).toEqual([
      [clientOrderId(STRATEGY_ID, 1, 0), 'sell', 'filled'],
      [clientOrderId(STRATEGY_ID, 1, 1), 'buy', 'filled'],
    ]);
    expect(store.orders.get(clientOrderId(STRATEGY_ID, 1, 0))).toMatchObject({ status: 'filled', filled_qty: 0.02 });
    expect(store.strategies.get(STRATEGY_ID)?.state).toEqual({ rebalances: 1 });
  });

  it('still refuses the same buy without the sell: the account has no cash for it', async () => {
    const { broker, riskStore, deps } = rebalanceSetup([BUY_ETH]);
    const result = await executeStrategy(deps, runOf(1));
    expect(result).toMatchObject({ action: 'hold', reason: expect.stringMatching(/^risk: insufficient_buying_power: the orders need \$1,300\.00 of non-marginable buying power/) });
    expect(broker.placed).toEqual([]);
    expect(riskStore.events.size).toBe(1);
  });

  it('refuses a buy larger than the sell before it raises, naming that order', async () => {
    const { broker, riskStore, deps } = rebalanceSetup([SELL_BTC, marketOrder('buy', 0.5, 'ETH/USD')]);
    const result = await executeStrategy(deps, runOf(1));
    expect(result.reason).toMatch(/^risk: insufficient_buying_power: the orders need \$1,625\.00 of non-marginable buying power \(crypto is bought with cash\), the account has \$1,300\.00/);
    expect(broker.placed).toEqual([]);
    expect([...riskStore.events.values()][0].details).toMatchObject({ decision_order: 2, orders: [{ symbol: 'ETH/USD', side: 'buy', qty: 0.5 }] });
  });

  it('leaves a sell still working after the wait in place, not canceled, and goes on with the next order', async () => {
    const { broker, deps } = rebalanceSetup([SELL_BTC, BUY_ETH]);
    broker.fills['BTC/USD'] = 'new';
    const events: string[] = [];
    traceBroker(broker, events);

    const result = await executeStrategy(deps, runOf(1));

    expect(events[0]).toBe('place BTC/USD');
    expect(events.at(-1)).toBe('place ETH/USD');
    expect(events.slice(1, -1).every((event) => event === 'poll BTC/USD new')).toBe(true);
    expect(broker.canceled).toEqual([]);
    expect(result.orders?.map((o) => [o.symbol, o.status])).toEqual([['BTC/USD', 'new'], ['ETH/USD', 'filled']]);
  });

  it('does not wait for a buy, nor for a sell that is the last order', async () => {
    const { broker, deps } = rebalanceSetup([marketOrder('buy', 0.1, 'ETH/USD'), marketOrder('sell', 0.01, 'BTC/USD')]);
    broker.buyingPower = 1_000;
    broker.fills = { 'ETH/USD': 'new', 'BTC/USD': 'new' };
    const events: string[] = [];
    traceBroker(broker, events);

    await executeStrategy(deps, runOf(1));

    expect(events).toEqual(['place ETH/USD', 'place BTC/USD']);
  });

  it('fails the run when the broker refuses the buy after the sell filled, keeping the sell on record', async () => {
    const { store, broker, deps } = rebalanceSetup([SELL_BTC, BUY_ETH]);
    broker.fills['ETH/USD'] = new InsufficientBuyingPowerError('insufficient buying power');

    await expect(executeStrategy(deps, runOf(1))).rejects.toThrow(InsufficientBuyingPowerError);

    expect(broker.placed.map((o) => o.symbol)).toEqual(['BTC/USD']);
    expect(store.orders.get(clientOrderId(STRATEGY_ID, 1, 1))?.status).toBe('rejected');
    expect(store.executions.get(`${STRATEGY_ID}#1`)?.status).toBe('failed');
  });
});
