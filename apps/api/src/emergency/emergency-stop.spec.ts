import pino from 'pino';
import { BrokerUnavailableError, OrderRejectedError } from '../../../../libs/broker/broker.errors';
import type { Broker, BrokerOrder, BrokerPosition } from '../../../../libs/broker/broker.port';
import { CredentialsNotFoundError } from '../../../../libs/broker-accounts/credential-errors';
import { clientOrderId, gridClientOrderId } from '../../../../libs/contracts';
import type { TerminatedRun } from '../../../../libs/scheduling/termination-records';
import { EmergencyStop, type EmergencyStopDeps } from './emergency-stop';
import type { EmergencyStore, EmergencyWorkflows, OpenBotOrder, StopAudit, StoppedStrategy } from './emergency-stop.ports';

const USER = 'user-1';
const DCA = '11111111-1111-4111-8111-111111111111';
const GRID = '22222222-2222-4222-8222-222222222222';
const USER_2 = 'user-2';
const GRID_2 = '44444444-4444-4444-8444-444444444444';
const OWNERS: Record<string, string[]> = { [USER]: [DCA, GRID], [USER_2]: [GRID_2] };
const ownerOf = (strategyId: string) => Object.keys(OWNERS).find((u) => OWNERS[u].includes(strategyId)) ?? USER;

function order(id: string, cid: string, status: BrokerOrder['status'] = 'new', symbol = 'AAPL'): BrokerOrder {
  return { id, clientOrderId: cid, symbol, side: 'buy', type: 'limit', timeInForce: 'gtc', qty: 1, notional: null, limitPrice: 90, status, filledQty: 0, filledAvgPrice: null, submittedAt: '', filledAt: null };
}

class FakeBroker implements Partial<Broker> {
  readonly orders = new Map<string, BrokerOrder>();
  readonly positions = new Map<string, BrokerPosition>();
  readonly failCancel = new Set<string>();
  /** Runs once after the first listing, as an in-flight activity's order arriving late. */
  onListed?: () => void;

  add(o: BrokerOrder) {
    this.orders.set(o.id, o);
  }
  async listOrders() {
    const open = [...this.orders.values()].filter((o) => o.status === 'new');
    const hook = this.onListed;
    this.onListed = undefined;
    hook?.();
    return open.map((o) => ({ ...o }));
  }
  async cancelOrder(id: string) {
    if (this.failCancel.has(id)) throw new BrokerUnavailableError('503 from the broker', 503);
    const found = this.orders.get(id)!;
    if (found.status !== 'new') throw new OrderRejectedError(`order is already in "${found.status}" state`);
    found.status = 'canceled';
  }
  async getOrder(id: string) {
    return { ...this.orders.get(id)! };
  }
  async getPosition(symbol: string) {
    return this.positions.get(symbol.replace('/', ''));
  }
  async closePosition(symbol: string) {
    this.positions.delete(symbol.replace('/', ''));
    return order('close', 'close-cid', 'filled', symbol);
  }
}

class FakeStore implements EmergencyStore {
  active = new Set([DCA, GRID, GRID_2]);
  botOrders: Array<OpenBotOrder & { strategyId: string }> = [];
  readonly recorded: BrokerOrder[] = [];
  readonly terminatedRuns: TerminatedRun[] = [];
  readonly audits: StopAudit[] = [];
  async deactivateActive(scope: { userId?: string }, audit: StopAudit): Promise<StoppedStrategy[]> {
    const stopped = [...this.active].map((id) => ({ id, userId: ownerOf(id) })).filter((s) => !scope.userId || s.userId === scope.userId);
    for (const s of stopped) this.active.delete(s.id);
    this.audits.push(audit);
    return stopped;
  }
  async strategyIdsOf(userId: string) {
    return OWNERS[userId];
  }
  async usersWithStrategies() {
    return Object.keys(OWNERS);
  }
  async openOrders(strategyIds: string[]) {
    return this.botOrders.filter((o) => strategyIds.includes(o.strategyId) && !this.recorded.some((r) => r.id === o.brokerOrderId && r.status !== 'new'));
  }
  async tradedSymbols(strategyIds: string[]) {
    return strategyIds.includes(DCA) ? ['AAPL', 'BTC/USD'] : [];
  }
  async recordBrokerOrder(o: BrokerOrder) {
    this.recorded.push(o);
  }
  async recordTerminatedRun(run: TerminatedRun) {
    this.terminatedRuns.push(run);
  }
}

class FakeWorkflows implements EmergencyWorkflows {
  running = new Set([`strategy-${DCA}`, `strategy-${GRID}`, `strategy-${GRID_2}`]);
  /** Workflows that ignore their cancellation (no worker polling). */
  stuck = new Set<string>();
  /** Close times (ms) of closed workflows, by strategy id. */
  readonly closedAt = new Map<string, number>();
  readonly terminated: string[] = [];
  async listRunning(userId?: string) {
    const all = [...this.running].map((workflowId) => ({ workflowId, strategyId: workflowId.slice('strategy-'.length) }));
    return all.map((w) => ({ ...w, userId: ownerOf(w.strategyId) })).filter((w) => !userId || w.userId === userId);
  }
  async stop(strategyId: string) {
    const id = `strategy-${strategyId}`;
    if (!this.running.has(id)) return false;
    if (!this.stuck.has(strategyId)) this.running.delete(id);
    return true;
  }
  async latestRun(strategyId: string) {
    if (this.running.has(`strategy-${strategyId}`)) return { runId: 'run-1', status: 'RUNNING' as const };
    const closedAt = this.closedAt.get(strategyId);
    return closedAt === undefined ? undefined : { runId: 'run-1', status: 'COMPLETED' as const, closeTime: new Date(closedAt) };
  }
  async isRunning(strategyId: string) {
    return this.running.has(`strategy-${strategyId}`);
  }
  async terminate(strategyId: string) {
    if (!this.running.delete(`strategy-${strategyId}`)) return undefined;
    this.terminated.push(strategyId);
    return 'run-1';
  }
}

function setup() {
  const broker = new FakeBroker();
  const otherBroker = new FakeBroker();
  const store = new FakeStore();
  const workflows = new FakeWorkflows();
  let clock = 0;
  const deps: EmergencyStopDeps = {
    store,
    workflows,
    brokerFor: async (userId) => (userId === USER ? broker : otherBroker) as unknown as Broker,
    logger: pino({ level: 'silent' }),
    sleep: async (ms) => {
      clock += ms;
    },
    now: () => clock,
    closeGraceMs: 3_000,
    pollMs: 100,
    settleMs: 1_500,
  };
  // Three resting grid buys (one recorded as sent but never acknowledged), the user's own order, and another strategy's.
  broker.add(order('b-grid-0', gridClientOrderId(GRID, 0, 1, 'buy')));
  broker.add(order('b-grid-1', gridClientOrderId(GRID, 1, 1, 'buy')));
  broker.add(order('b-grid-2', gridClientOrderId(GRID, 2, 1, 'buy')));
  broker.add(order('b-manual', 'my-own-order'));
  broker.add(order('b-other', gridClientOrderId('33333333-3333-4333-8333-333333333333', 0, 1, 'buy')));
  store.botOrders = [
    { strategyId: GRID, brokerOrderId: 'b-grid-0', symbol: 'AAPL' },
    { strategyId: GRID, brokerOrderId: 'b-grid-1', symbol: 'AAPL' },
  ];
  broker.positions.set('AAPL', { symbol: 'AAPL', qty: 3, side: 'long', avgEntryPrice: 95, marketValue: 300, currentPrice: 100, unrealizedPl: 15 });
  broker.positions.set('BTCUSD', { symbol: 'BTCUSD', qty: 0.1, side: 'long', avgEntryPrice: 60_000, marketValue: 6_000, currentPrice: 60_000, unrealizedPl: 0 });
  otherBroker.add(order('b2-grid-0', gridClientOrderId(GRID_2, 0, 1, 'buy')));
  return { broker, otherBroker, store, workflows, deps, stop: new EmergencyStop(deps) };
}

describe('EmergencyStop', () => {
  it('deactivates, cancels the workflows and every open order of the strategies, and touches nothing else', async () => {
    const { broker, otherBroker, store, workflows, stop } = setup();
    const report = await stop.stopUser(USER, false);
    expect(report).toEqual({ strategies_stopped: 2, workflows_cancelled: 2, workflows_terminated: 0, orders_cancelled: 3, positions_closed: 0, failures: [] });
    expect(store.audits).toEqual([{ by: 'user', actorUserId: USER, flatten: false }]);
    expect([...workflows.running]).toEqual([`strategy-${GRID_2}`]);
    expect(store.active).toEqual(new Set([GRID_2]));
    expect(otherBroker.orders.get('b2-grid-0')!.status).toBe('new');
    expect(broker.orders.get('b-manual')!.status).toBe('new');
    expect(broker.orders.get('b-other')!.status).toBe('new');
    expect(broker.positions.size).toBe(2);
    expect(store.recorded.map((o) => [o.id, o.status])).toEqual(expect.arrayContaining([['b-grid-0', 'canceled'], ['b-grid-2', 'canceled']]));
  });

  it('with flatten closes the positions in the symbols the strategies traded', async () => {
    const { broker, stop } = setup();
    const report = await stop.stopUser(USER, true);
    expect(report.positions_closed).toBe(2);
    expect(broker.positions.size).toBe(0);
  });

  it('is idempotent: a second stop returns zeros', async () => {
    const { stop } = setup();
    await stop.stopUser(USER, true);
    expect(await stop.stopUser(USER, true)).toEqual({
      strategies_stopped: 0,
      workflows_cancelled: 0,
      workflows_terminated: 0,
      orders_cancelled: 0,
      positions_closed: 0,
      failures: [],
    });
  });

  it('counts an order the grid workflow cancelled first, but not one that filled', async () => {
    const { broker, stop } = setup();
    broker.orders.get('b-grid-0')!.status = 'canceled';
    broker.orders.get('b-grid-1')!.status = 'filled';
    const report = await stop.stopUser(USER, false);
    expect(report.orders_cancelled).toBe(2);
  });

  it('goes on past a broker error on one order and reports it', async () => {
    const { broker, stop } = setup();
    broker.failCancel.add('b-grid-1');
    const report = await stop.stopUser(USER, true);
    expect(report).toMatchObject({ orders_cancelled: 2, positions_closed: 2 });
    expect(report.failures).toEqual([{ user_id: USER, step: 'cancel_order', target: 'b-grid-1', error: '503 from the broker' }]);
  });

  it('terminates a workflow that does not close after its cancel, and records the terminated run', async () => {
    const { store, workflows, stop } = setup();
    workflows.stuck.add(GRID);
    const report = await stop.stopUser(USER, false);
    expect(report).toMatchObject({ workflows_cancelled: 2, workflows_terminated: 1 });
    expect([...workflows.running]).toEqual([`strategy-${GRID_2}`]);
    expect(store.terminatedRuns).toEqual([expect.objectContaining({ strategyId: GRID, userId: USER, runId: 'run-1', workflowId: `strategy-${GRID}` })]);
  });

  it('counts a workflow that ended by itself on finding its strategy stopped, but not one that ended long before', async () => {
    const { workflows, stop } = setup();
    workflows.running.delete(`strategy-${DCA}`);
    workflows.closedAt.set(DCA, 0);
    expect((await stop.stopUser(USER, false)).workflows_cancelled).toBe(2);

    const later = setup();
    later.workflows.running.delete(`strategy-${DCA}`);
    later.workflows.closedAt.set(DCA, -60_000);
    expect((await later.stop.stopUser(USER, false)).workflows_cancelled).toBe(1);
  });

  it('cancels an order that an in-flight run sent after the first sweep', async () => {
    const { broker, stop } = setup();
    broker.onListed = () => broker.add(order('b-late', clientOrderId(DCA, 7), 'new'));
    const report = await stop.stopUser(USER, false);
    expect(report.orders_cancelled).toBe(4);
    expect(broker.orders.get('b-late')!.status).toBe('canceled');
  });

  it('without a broker connection still stops the strategies and workflows, and says what it could not reach', async () => {
    const { deps, workflows } = setup();
    const stop = new EmergencyStop({ ...deps, brokerFor: async () => Promise.reject(new CredentialsNotFoundError()) });
    const report = await stop.stopUser(USER, false);
    expect(report).toMatchObject({ strategies_stopped: 2, workflows_cancelled: 2, orders_cancelled: 0 });
    expect(report.failures).toEqual([{ user_id: USER, step: 'broker', target: USER, error: 'Alpaca credentials not found' }]);
    expect([...workflows.running]).toEqual([`strategy-${GRID_2}`]);
  });

  it('the operators\' stop covers every user and records who pressed it', async () => {
    const { store, workflows, otherBroker, stop } = setup();
    const report = await stop.stopEveryone('admin-1', false);
    expect(report).toMatchObject({ users: 2, strategies_stopped: 3, workflows_cancelled: 3, orders_cancelled: 4, failures: [] });
    expect(store.audits).toEqual([{ by: 'admin', actorUserId: 'admin-1', flatten: false }]);
    expect(workflows.running.size).toBe(0);
    expect(otherBroker.orders.get('b2-grid-0')!.status).toBe('canceled');
  });
});
