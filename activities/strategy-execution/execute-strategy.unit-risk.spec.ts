import type { OrderIntent } from '../../libs/contracts';
import * as registry from '../../libs/strategies/registry';
import { executeStrategy } from './execute-strategy.activity';
import { executionSetup, runOf } from './testing/execution-setup';
import { marketOrder, scriptedStrategy } from './testing/scripted-strategy';

function arbitrageSetup(orders: OrderIntent[], placement: 'each' | 'unit' = 'unit') {
  const setup = executionSetup('arbitrage', { symbol: 'BTC/USD' });
  const decision = { action: 'buy' as const, reason: 'edge 0.42% above fees and threshold 0.30%', orders, nextState: { entered: true }, placement };
  jest.spyOn(registry, 'getStrategy').mockReturnValue(scriptedStrategy({ decision }).definition);
  setup.broker.prices = { 'BTC/USD': 65_100, 'BTC/USDT': 65_000, 'USDT/USD': 1, 'ETH/USD': 3_250, 'ETH/BTC': 0.05 };
  setup.broker.buyingPower = 100_000;
  setup.broker.equity = 100_000;
  return setup;
}

const VIA_USDT = [marketOrder('buy', 700, 'USDT/USD'), marketOrder('buy', 0.01, 'BTC/USDT'), marketOrder('sell', 0.01, 'BTC/USD')];

afterEach(() => jest.restoreAllMocks());

describe("executeStrategy: the risk check of a 'unit' decision", () => {
  it('lets a sell of what an earlier leg bought through, where the same sell alone is refused as a short', async () => {
    const unit = arbitrageSetup(VIA_USDT);
    const allowed = await executeStrategy(unit.deps, runOf(1));
    expect(allowed.action).toBe('buy');
    expect(unit.broker.placed.map((o) => o.symbol)).toEqual(['USDT/USD', 'BTC/USDT', 'BTC/USD']);
    expect(unit.riskStore.events.size).toBe(0);
    jest.restoreAllMocks();

    const alone = arbitrageSetup([VIA_USDT[2]]);
    const refused = await executeStrategy(alone.deps, runOf(1));
    expect(refused).toMatchObject({ action: 'hold', reason: expect.stringMatching(/^risk: asset_not_shortable: selling 0\.01 BTC\/USD with 0 held/) });
    expect(alone.broker.placed).toEqual([]);
  });

  it('counts what a conversion leg yields in the currency it is priced in (a triangle through ETH/BTC)', async () => {
    const { broker, deps } = arbitrageSetup([marketOrder('buy', 0.2, 'ETH/USD'), marketOrder('sell', 0.2, 'ETH/BTC'), marketOrder('sell', 0.01, 'BTC/USD')]);
    expect((await executeStrategy(deps, runOf(1))).action).toBe('buy');
    expect(broker.placed).toHaveLength(3);
  });

  it('refuses the whole unit, naming the leg, when a leg would sell more than the earlier legs leave', async () => {
    const { broker, riskStore, deps } = arbitrageSetup([marketOrder('buy', 0.2, 'ETH/USD'), marketOrder('sell', 0.2, 'ETH/BTC'), marketOrder('sell', 0.02, 'BTC/USD')]);
    const result = await executeStrategy(deps, runOf(1));
    expect(result).toMatchObject({ action: 'hold', reason: 'risk: asset_not_shortable: selling 0.02 BTC/USD with 0.01 held would open a short position, and crypto cannot be sold short' });
    expect(broker.placed).toEqual([]);
    expect([...riskStore.events.values()][0].details).toMatchObject({ unit_leg: 3, orders: [{ symbol: 'BTC/USD', side: 'sell', qty: 0.02 }] });
  });

  it("does not hold a leg priced in USDT to the USD buying power, which an 'each' decision's order is held to", async () => {
    const orders = [marketOrder('buy', 0.1, 'BTC/USDT'), marketOrder('sell', 0.1, 'BTC/USD')];
    const unit = arbitrageSetup(orders);
    unit.broker.buyingPower = 1_000;
    unit.broker.positions = { 'USDT/USD': { symbol: 'USDTUSD', qty: 7_000, side: 'long', avgEntryPrice: 1, marketValue: 7_000, currentPrice: 1, unrealizedPl: 0 } };
    expect((await executeStrategy(unit.deps, runOf(1))).action).toBe('buy');
    jest.restoreAllMocks();

    const each = arbitrageSetup(orders, 'each');
    each.broker.buyingPower = 1_000;
    expect((await executeStrategy(each.deps, runOf(1))).reason).toMatch(/^risk: insufficient_buying_power: /);
  });

  it('reads the account and the clock once for the whole unit, not once a leg', async () => {
    const { broker, deps } = arbitrageSetup(VIA_USDT);
    const getClock = jest.spyOn(broker, 'getClock');
    const getAccount = jest.spyOn(broker, 'getAccount');
    expect((await executeStrategy(deps, runOf(1))).action).toBe('buy');
    expect(getClock).toHaveBeenCalledTimes(1);
    expect(getAccount).toHaveBeenCalledTimes(1);
  });

  it('holds later legs to the buying power the earlier ones leave', async () => {
    const { broker, deps } = arbitrageSetup([marketOrder('buy', 0.2, 'ETH/USD'), marketOrder('buy', 0.2, 'ETH/USD')]);
    broker.buyingPower = 1_000;
    broker.prices['ETH/USD'] = 3_000; // $600 a leg: each fits alone, not both
    const result = await executeStrategy(deps, runOf(1));
    expect(result.reason).toMatch(/^risk: insufficient_buying_power: the orders need \$600\.00 of non-marginable buying power \(crypto is bought with cash\), the account has \$400\.00/);
  });
});
