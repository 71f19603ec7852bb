import { BrokerUnavailableError, OrderRejectedError } from '../../../libs/broker/broker.errors';
import { clientOrderId, unwindClientOrderId } from '../../../libs/contracts';
import type { Decision } from '../../../libs/strategies/strategy';
import * as registry from '../../../libs/strategies/registry';
import { executeStrategy } from '../execute-strategy.activity';
import { executionSetup, runOf, STRATEGY_ID } from '../testing/execution-setup';
import { marketOrder, scriptedStrategy } from '../testing/scripted-strategy';
import { settleUnit } from './settle-unit.activity';

const ENTER_PAIR: Partial<Decision> = {
  action: 'buy',
  reason: 'spread z-score 2.40 above 2.00 entry',
  orders: [marketOrder('buy', 10, 'MSFT'), marketOrder('sell', 5, 'AAPL')],
  nextState: { entered: true },
  placement: 'unit',
};

function pairsSetup(decision: Partial<Decision> = ENTER_PAIR) {
  const setup = executionSetup('pairs_trading', { symbol: 'MSFT' });
  jest.spyOn(registry, 'getStrategy').mockReturnValue(scriptedStrategy({ request: { otherSymbols: ['AAPL'] }, decision }).definition);
  setup.broker.prices = { MSFT: 400, AAPL: 190 };
  setup.broker.buyingPower = 100_000;
  return setup;
}

const RUN = { strategyId: STRATEGY_ID, runNumber: 1 };
const legId = (leg: number) => clientOrderId(STRATEGY_ID, 1, leg);
const unwindId = (leg: number) => unwindClientOrderId(STRATEGY_ID, 1, leg);

afterEach(() => jest.restoreAllMocks());

describe('settleUnit', () => {
  it('unwinds the filled first leg once when the run ended before the second was sent and the strategy was stopped', async () => {
    const { store, broker, deps } = pairsSetup();
    broker.fills.AAPL = new BrokerUnavailableError('503 from the broker');
    await expect(executeStrategy(deps, runOf(1))).rejects.toThrow('503 from the broker');
    store.strategies.get(STRATEGY_ID)!.isActive = false;
    delete broker.fills.AAPL;

    const result = await settleUnit(deps, RUN);

    expect(broker.placed.map((o) => [o.clientOrderId, o.side, o.qty, o.symbol])).toEqual([
      [legId(0), 'buy', 10, 'MSFT'],
      [unwindId(0), 'sell', 10, 'MSFT'],
    ]);
    const reason =
      'HOLD - pairs_trading unit failed on leg 2 of 2 (AAPL sell not sent: the strategy was stopped before this leg was sent); unwound leg 1 (sold 10 MSFT)';
    expect(result).toMatchObject({ strategy_id: STRATEGY_ID, run_number: 1, action: 'hold', reason });
    expect(store.executions.get(`${STRATEGY_ID}#1`)).toMatchObject({ status: 'succeeded', result: { reason }, decision: { unitFailure: { leg: 1 } } });
    expect(store.strategies.get(STRATEGY_ID)?.state).toEqual({ entered: false });

    expect(await settleUnit(deps, RUN)).toBeUndefined();
    expect(broker.placed).toHaveLength(2);
  });

  it('says the run ended when the strategy is still active and no row of the second leg was written', async () => {
    const { store, broker, deps } = pairsSetup();
    const insertPendingOrder = store.insertPendingOrder.bind(store);
    store.insertPendingOrder = async (order) => {
      if (order.clientOrderId === legId(1)) throw new Error('worker killed');
      return insertPendingOrder(order);
    };
    await expect(executeStrategy(deps, runOf(1))).rejects.toThrow('worker killed');

    const result = await settleUnit(deps, RUN);

    expect(broker.placed.map((o) => o.clientOrderId)).toEqual([legId(0), unwindId(0)]);
    expect(result?.reason).toContain('(AAPL sell not sent: the run ended before this leg was sent); unwound leg 1 (sold 10 MSFT)');
  });

  it('cancels a leg still working at the broker before it unwinds the legs that filled', async () => {
    const { broker, deps } = pairsSetup();
    broker.fills.AAPL = 'new';
    const getOrder = broker.getOrder.bind(broker);
    broker.getOrder = async () => {
      throw new Error('worker killed');
    };
    await expect(executeStrategy(deps, runOf(1))).rejects.toThrow('worker killed');
    broker.getOrder = getOrder;

    const result = await settleUnit(deps, RUN);

    expect(broker.canceled).toEqual(['broker-2']);
    expect(broker.placed.map((o) => o.clientOrderId)).toEqual([legId(0), legId(1), unwindId(0)]);
    expect(result?.reason).toContain('(AAPL sell canceled when the run ended); unwound leg 1 (sold 10 MSFT)');
  });

  it('sends nothing more for a unit that already failed and was unwound before the run died', async () => {
    const { store, broker, deps } = pairsSetup();
    broker.fills.AAPL = new OrderRejectedError('AAPL is not easy to borrow', 422);
    store.finishExecution = jest.fn().mockRejectedValueOnce(new Error('database gone')).mockImplementation(store.finishExecution.bind(store));
    await expect(executeStrategy(deps, runOf(1))).rejects.toThrow('database gone');
    expect(broker.placed.map((o) => o.clientOrderId)).toEqual([legId(0), unwindId(0)]);
    delete broker.fills.AAPL;

    const result = await settleUnit(deps, RUN);

    expect(broker.placed).toHaveLength(2);
    expect(result?.reason).toBe('HOLD - pairs_trading unit failed on leg 2 of 2 (AAPL sell rejected: AAPL is not easy to borrow); unwound leg 1 (sold 10 MSFT)');
    expect(store.strategies.get(STRATEGY_ID)?.state).toEqual({ entered: false });
  });

  it('finishes the run as decided when every leg had filled before it ended', async () => {
    const { store, broker, deps } = pairsSetup();
    store.finishExecution = jest.fn().mockRejectedValueOnce(new Error('database gone')).mockImplementation(store.finishExecution.bind(store));
    await expect(executeStrategy(deps, runOf(1))).rejects.toThrow('database gone');

    const result = await settleUnit(deps, RUN);

    expect(broker.placed).toHaveLength(2);
    expect(result).toMatchObject({ action: 'buy', reason: ENTER_PAIR.reason });
    expect(store.strategies.get(STRATEGY_ID)?.state).toEqual({ entered: true });
  });

  it('does nothing for a run that succeeded', async () => {
    const { store, broker, deps } = pairsSetup();
    await executeStrategy(deps, runOf(1));
    const before = structuredClone(store.executions.get(`${STRATEGY_ID}#1`));

    expect(await settleUnit(deps, RUN)).toBeUndefined();
    expect(broker.placed).toHaveLength(2);
    expect(store.executions.get(`${STRATEGY_ID}#1`)).toEqual(before);
  });

  it("does nothing for a failed run whose orders went out 'each' on their own", async () => {
    const { store, broker, deps } = pairsSetup({ ...ENTER_PAIR, placement: 'each' });
    broker.fills.AAPL = new BrokerUnavailableError('503 from the broker');
    await expect(executeStrategy(deps, runOf(1))).rejects.toThrow('503 from the broker');
    delete broker.fills.AAPL;

    expect(await settleUnit(deps, RUN)).toBeUndefined();
    expect(broker.placed.map((o) => o.clientOrderId)).toEqual([legId(0)]);
    expect(store.executions.get(`${STRATEGY_ID}#1`)?.status).toBe('failed');
  });

  it('does nothing for a run that sent no leg, or never ran', async () => {
    const { store, broker, deps } = pairsSetup();
    broker.fills.MSFT = new BrokerUnavailableError('503 from the broker');
    store.insertPendingOrder = jest.fn().mockRejectedValue(new Error('worker killed'));
    await expect(executeStrategy(deps, runOf(1))).rejects.toThrow('worker killed');

    expect(await settleUnit(deps, RUN)).toBeUndefined();
    expect(await settleUnit(deps, { strategyId: STRATEGY_ID, runNumber: 7 })).toBeUndefined();
    expect(broker.placed).toEqual([]);
  });
});
