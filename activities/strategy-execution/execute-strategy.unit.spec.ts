import { BrokerUnavailableError, OrderRejectedError } from '../../libs/broker/broker.errors';
import { clientOrderId, unwindClientOrderId } from '../../libs/contracts';
import * as registry from '../../libs/strategies/registry';
import { executeStrategy } from './execute-strategy.activity';
import { executionSetup, runOf, STRATEGY_ID } from './testing/execution-setup';
import { marketOrder, scriptedStrategy } from './testing/scripted-strategy';

const ENTER_PAIR = {
  action: 'buy' as const,
  reason: 'spread z-score 2.40 above 2.00 entry',
  orders: [marketOrder('buy', 10, 'MSFT'), marketOrder('sell', 5, 'AAPL')],
  nextState: { entered: true },
  placement: 'unit' as const,
};

function pairsSetup() {
  const setup = executionSetup('pairs_trading', { symbol: 'MSFT' });
  jest.spyOn(registry, 'getStrategy').mockReturnValue(scriptedStrategy({ request: { otherSymbols: ['AAPL'] }, decision: ENTER_PAIR }).definition);
  setup.broker.prices = { MSFT: 400, AAPL: 190 };
  setup.broker.buyingPower = 100_000;
  return setup;
}

const legId = (leg: number) => clientOrderId(STRATEGY_ID, 1, leg);

afterEach(() => jest.restoreAllMocks());

describe("executeStrategy: a 'unit' decision (pairs, arbitrage)", () => {
  it('places every leg in order, returns them all and saves the strategy state', async () => {
    const { store, broker, deps, logLines } = pairsSetup();
    const result = await executeStrategy(deps, runOf(1));

    expect(broker.placed.map((o) => [o.clientOrderId, o.side, o.qty, o.symbol])).toEqual([
      [legId(0), 'buy', 10, 'MSFT'],
      [legId(1), 'sell', 5, 'AAPL'],
    ]);
    expect(result).toMatchObject({ action: 'buy', reason: ENTER_PAIR.reason });
    expect(result.orders?.map((o) => [o.symbol, o.status, o.filled_qty])).toEqual([['MSFT', 'filled', 10], ['AAPL', 'filled', 5]]);
    expect(result.order).toEqual(result.orders?.[0]);
    expect(store.strategies.get(STRATEGY_ID)?.state).toEqual({ entered: true });
    expect(logLines.map((l) => l.msg)).toContain(`✅ BUY executed: buy 10 MSFT, sell 5 AAPL (${ENTER_PAIR.reason})`);
  });

  it('sends a leg only once the broker reports the one before it filled', async () => {
    const { broker, deps } = pairsSetup();
    broker.fills.MSFT = 'new';
    const events: string[] = [];
    const getOrder = broker.getOrder.bind(broker);
    let polls = 0;
    broker.getOrder = async (id) => {
      if (++polls === 3) broker.orders.set(legId(0), { ...(await getOrder(id)), status: 'filled', filledQty: 10, filledAvgPrice: 400 });
      const order = await getOrder(id);
      events.push(`poll ${order.status}`);
      return order;
    };
    const placeOrder = broker.placeOrder.bind(broker);
    broker.placeOrder = async (request) => {
      events.push(`place ${request.symbol}`);
      return placeOrder(request);
    };

    const result = await executeStrategy(deps, runOf(1));

    expect(events).toEqual(['place MSFT', 'poll new', 'poll new', 'poll filled', 'place AAPL']);
    expect(result.action).toBe('buy');
    expect(result.orders?.[0]).toMatchObject({ status: 'filled', filled_qty: 10 });
  });

  it('unwinds the filled first leg once when the second is rejected, records a hold and keeps the state', async () => {
    const { store, broker, deps, logLines } = pairsSetup();
    broker.fills.AAPL = new OrderRejectedError('AAPL is not easy to borrow', 422);

    const result = await executeStrategy(deps, runOf(1));

    expect(broker.placed.map((o) => [o.clientOrderId, o.side, o.qty, o.symbol])).toEqual([
      [legId(0), 'buy', 10, 'MSFT'],
      [unwindClientOrderId(STRATEGY_ID, 1, 0), 'sell', 10, 'MSFT'],
    ]);
    const reason = 'HOLD - pairs_trading unit failed on leg 2 of 2 (AAPL sell rejected: AAPL is not easy to borrow); unwound leg 1 (sold 10 MSFT)';
    expect(result).toMatchObject({ action: 'hold', reason });
    expect(result.orders?.map((o) => [o.client_order_id, o.status])).toEqual([
      [legId(0), 'filled'],
      [legId(1), 'rejected'],
      [unwindClientOrderId(STRATEGY_ID, 1, 0), 'filled'],
    ]);
    expect(store.executions.get(`${STRATEGY_ID}#1`)).toMatchObject({ status: 'succeeded', decision: { unitFailure: { leg: 1 } } });
    expect(store.strategies.get(STRATEGY_ID)?.state).toEqual({ entered: false });
    expect(logLines).toContainEqual(expect.objectContaining({ level: 40, msg: `⚠️ ${reason}` }));
  });

  it('places nothing more when retried after a crash that followed the unwind, even if the rejected leg would now go through', async () => {
    const { store, broker, deps } = pairsSetup();
    broker.fills.AAPL = new OrderRejectedError('AAPL is not easy to borrow', 422);
    const finishExecution = store.finishExecution.bind(store);
    store.finishExecution = jest.fn().mockRejectedValueOnce(new Error('worker killed')).mockImplementation(finishExecution);
    await expect(executeStrategy(deps, runOf(1))).rejects.toThrow('worker killed');
    expect(broker.placed).toHaveLength(2);

    delete broker.fills.AAPL;
    const retried = await executeStrategy(deps, runOf(1));

    expect(broker.placed).toHaveLength(2);
    expect(retried).toMatchObject({ action: 'hold', reason: expect.stringContaining('(AAPL sell rejected: AAPL is not easy to borrow); unwound leg 1 (sold 10 MSFT)') });
    expect(retried.orders).toHaveLength(3);
    expect(store.strategies.get(STRATEGY_ID)?.state).toEqual({ entered: false });
  });

  it('sends the unwind exactly once when the attempt that decided it died before the broker answered', async () => {
    const { broker, deps } = pairsSetup();
    broker.fills.AAPL = new OrderRejectedError('AAPL is not easy to borrow', 422);
    const placeOrder = broker.placeOrder.bind(broker);
    broker.placeOrder = async (request) => {
      if (request.clientOrderId !== unwindClientOrderId(STRATEGY_ID, 1, 0)) return placeOrder(request);
      broker.placeOrder = placeOrder;
      await placeOrder(request); // the broker took the unwind; its answer was lost
      throw new BrokerUnavailableError('socket hang up');
    };
    await expect(executeStrategy(deps, runOf(1))).rejects.toThrow('socket hang up');

    delete broker.fills.AAPL;
    const retried = await executeStrategy(deps, runOf(1));

    expect(broker.placed.map((o) => o.clientOrderId)).toEqual([legId(0), unwindClientOrderId(STRATEGY_ID, 1, 0)]);
    expect(retried.reason).toMatch(/unwound leg 1 \(sold 10 MSFT\)$/);
  });

  it('cancels a leg that does not fill in time and unwinds its partial fill before the legs that filled', async () => {
    const { broker, deps } = pairsSetup();
    broker.fills.AAPL = 'partially_filled';
    const placeOrder = broker.placeOrder.bind(broker);
    broker.placeOrder = async (request) => {
      const placed = await placeOrder(request);
      if (request.symbol === 'AAPL') delete broker.fills.AAPL; // only the leg itself rests
      return placed;
    };

    const result = await executeStrategy(deps, runOf(1));

    expect(broker.canceled).toEqual(['broker-2']);
    expect(broker.placed.slice(2).map((o) => [o.clientOrderId, o.side, o.qty, o.symbol])).toEqual([
      [unwindClientOrderId(STRATEGY_ID, 1, 1), 'buy', 2.5, 'AAPL'],
      [unwindClientOrderId(STRATEGY_ID, 1, 0), 'sell', 10, 'MSFT'],
    ]);
    expect(result.action).toBe('hold');
    expect(result.reason).toMatch(/leg 2 of 2 \(AAPL sell not filled within 0\.005 s, canceled after filling 2\.5\); unwound leg 2 \(bought back 2\.5 AAPL\); unwound leg 1 \(sold 10 MSFT\)$/);
  });

  it('says there was nothing to unwind when the first leg is rejected', async () => {
    const { broker, deps } = pairsSetup();
    broker.fills.MSFT = new OrderRejectedError('MSFT is halted', 422);
    const result = await executeStrategy(deps, runOf(1));
    expect(broker.placed).toEqual([]);
    expect(result.reason).toBe('HOLD - pairs_trading unit failed on leg 1 of 2 (MSFT buy rejected: MSFT is halted); no leg had filled, nothing to unwind');
  });
});
