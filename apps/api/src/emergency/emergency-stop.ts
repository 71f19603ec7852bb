import type { Logger } from 'pino';
import type { Broker } from '../../../../libs/broker/broker.port';
import { cancelStrategyOrders, openStrategyOrders, ordersAtBrokerWithPrefixes } from './cancel-strategy-orders';
import { closeStrategyPositions } from './close-strategy-positions';
import type { EmergencyStore, EmergencyWorkflows, StopAudit } from './emergency-stop.ports';
import { addReports, emptyReport, type EmergencyStopReport } from './emergency-stop.report';
import { forEachConcurrent } from './for-each-concurrent';
import { cancelStrategyWorkflows, closeOrTerminate, type WorkflowTiming } from './stop-strategy-workflows';
import { reportFailure, type UserStopContext } from './user-stop-context';

export interface EmergencyStopDeps extends WorkflowTiming {
  store: EmergencyStore;
  workflows: EmergencyWorkflows;
  /** The broker of the user's stored connection; throws when there is none or it is unusable. */
  brokerFor(userId: string): Promise<Broker>;
  logger: Logger;
  /**
   * How long after the strategies were made inactive the broker is swept a second time. An
   * activity that read the strategy as active just before the stop may still be sending its
   * order; the second sweep cancels what arrived after the first.
   */
  settleMs: number;
}

const USER_CONCURRENCY = 4;

/**
 * "Stop" that stops everything now. The strategies are made inactive first, in one transaction,
 * so from that moment no activity sends another order (each reads is_active right before
 * sending); then their workflows are cancelled (terminated if they do not close), their open
 * orders cancelled at the broker, and with `flatten` their positions closed. Every step goes on
 * past failures and reports them. A second stop finds nothing left to do and returns zeros.
 */
export class EmergencyStop {
  constructor(private readonly deps: EmergencyStopDeps) {}

  async stopUser(userId: string, flatten: boolean): Promise<EmergencyStopReport> {
    const startedAt = this.deps.now();
    const stopped = await this.deps.store.deactivateActive({ userId }, { by: 'user', actorUserId: userId, flatten });
    const report = await this.cleanUp(userId, flatten, { startedAt, deactivated: new Set(stopped.map((s) => s.id)) });
    this.logOutcome(`user ${userId}`, { ...report, strategies_stopped: stopped.length });
    return { ...report, strategies_stopped: stopped.length };
  }

  /** The operators' stop: every user's strategies. */
  async stopEveryone(actor: StopAudit['actorUserId'], flatten: boolean): Promise<EmergencyStopReport & { users: number }> {
    const startedAt = this.deps.now();
    const stopped = await this.deps.store.deactivateActive({}, { by: 'admin', actorUserId: actor, flatten });
    const deactivated = new Set(stopped.map((s) => s.id));
    const users = new Set(await this.deps.store.usersWithStrategies());
    const failures: EmergencyStopReport['failures'] = [];
    try {
      for (const workflow of await this.deps.workflows.listRunning()) if (workflow.userId) users.add(workflow.userId);
    } catch (err) {
      failures.push({ user_id: actor, step: 'workflow', target: 'all', error: (err as Error).message });
    }
    const parts: EmergencyStopReport[] = [];
    await forEachConcurrent([...users], USER_CONCURRENCY, async (userId) => {
      parts.push(await this.cleanUp(userId, flatten, { startedAt, deactivated }));
    });
    const total = parts.reduce(addReports, { ...emptyReport(), failures });
    const report = { users: users.size, ...total, strategies_stopped: stopped.length };
    this.logOutcome(`every user (operator ${actor})`, report);
    return report;
  }

  private async cleanUp(userId: string, flatten: boolean, stop: { startedAt: number; deactivated: ReadonlySet<string> }): Promise<EmergencyStopReport> {
    const { store, workflows } = this.deps;
    const ctx: UserStopContext = { userId, store, logger: this.deps.logger, failures: [] };
    const strategyIds = await store.strategyIdsOf(userId);
    ctx.broker = await this.brokerOf(ctx, strategyIds, flatten);
    const withBroker = ctx.broker ? { ...ctx, broker: ctx.broker } : undefined;

    const openOrders = withBroker ? await openStrategyOrders(withBroker, strategyIds) : [];
    const cancelledWorkflows = await cancelStrategyWorkflows(ctx, workflows, strategyIds, stop);
    let ordersCancelled = withBroker ? await cancelStrategyOrders(withBroker, openOrders) : 0;
    const terminated = await closeOrTerminate(ctx, workflows, this.deps, cancelledWorkflows, new Set(strategyIds));

    if (withBroker && cancelledWorkflows.length > 0) {
      await this.deps.sleep(Math.max(0, stop.startedAt + this.deps.settleMs - this.deps.now()));
      const late = (await ordersAtBrokerWithPrefixes(withBroker, strategyIds)).filter((id) => !openOrders.includes(id));
      ordersCancelled += await cancelStrategyOrders(withBroker, late);
    }
    const positionsClosed = withBroker && flatten ? await closeStrategyPositions(withBroker, await store.tradedSymbols(strategyIds)) : 0;
    return {
      strategies_stopped: 0,
      workflows_cancelled: cancelledWorkflows.length,
      workflows_terminated: terminated,
      orders_cancelled: ordersCancelled,
      positions_closed: positionsClosed,
      failures: ctx.failures,
    };
  }

  /** The user's broker; a missing connection is a failure only when there is something to do there. */
  private async brokerOf(ctx: UserStopContext, strategyIds: string[], flatten: boolean): Promise<Broker | undefined> {
    try {
      return await this.deps.brokerFor(ctx.userId);
    } catch (err) {
      const orders = await ctx.store.openOrders(strategyIds);
      const symbols = flatten ? await ctx.store.tradedSymbols(strategyIds) : [];
      if (orders.length > 0 || symbols.length > 0) reportFailure(ctx, 'broker', ctx.userId, err);
      return undefined;
    }
  }

  private logOutcome(whose: string, report: EmergencyStopReport): void {
    this.deps.logger.warn(
      { ...report, failures: report.failures.length },
      `🚨 Emergency stop of ${whose}: ${report.strategies_stopped} strategies stopped, ${report.workflows_cancelled} workflows cancelled, ` +
        `${report.orders_cancelled} orders cancelled, ${report.positions_closed} positions closed${report.failures.length ? `, ${report.failures.length} failures` : ''}`,
    );
  }
}
