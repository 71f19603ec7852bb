import { In, IsNull, Not, type DataSource } from 'typeorm';
import type { BrokerOrder } from '../../../../libs/broker/broker.port';
import { BotOrder, BotRiskEvent, TERMINAL_ORDER_STATUSES, TradingStrategy } from '../../../../libs/database/entities';
import { queueSqliteWrite } from '../../../../libs/database/sqlite-write-queue';
import { applyBrokerOrderUpdate } from '../../../../libs/order-fills/apply-broker-order-update';
import { EMERGENCY_STOP_RULE, recordTerminatedRun, type TerminatedRun } from '../../../../libs/scheduling/termination-records';
import type { EmergencyStore, OpenBotOrder, StopAudit, StoppedStrategy } from './emergency-stop.ports';

export class TypeormEmergencyStore implements EmergencyStore {
  constructor(private readonly dataSource: DataSource) {}

  deactivateActive(scope: { userId?: string }, audit: StopAudit): Promise<StoppedStrategy[]> {
    return queueSqliteWrite(this.dataSource, () =>
      this.dataSource.transaction(async (manager) => {
        const strategies = manager.getRepository(TradingStrategy);
        const active = await strategies.find({ select: { id: true, userId: true }, where: { isActive: true, ...(scope.userId ? { userId: scope.userId } : {}) } });
        if (active.length === 0) return [];
        await strategies.update({ id: In(active.map((s) => s.id)), isActive: true }, { isActive: false });
        const events = manager.getRepository(BotRiskEvent);
        const reason = `emergency stop by ${audit.by === 'admin' ? 'an operator' : 'the user'}${audit.flatten ? ', positions flattened' : ''}`;
        await events.save(
          active.map((s) =>
            events.create({
              userId: s.userId,
              strategyId: s.id,
              rule: EMERGENCY_STOP_RULE,
              reason,
              details: { by: audit.by, actor_user_id: audit.actorUserId, flatten: audit.flatten },
            }),
          ),
        );
        return active.map((s) => ({ id: s.id, userId: s.userId }));
      }),
    );
  }

  async strategyIdsOf(userId: string): Promise<string[]> {
    const rows = await this.dataSource.getRepository(TradingStrategy).find({ select: { id: true }, where: { userId } });
    return rows.map((row) => row.id);
  }

  async usersWithStrategies(): Promise<string[]> {
    const rows: Array<{ user_id: string }> = await this.dataSource
      .getRepository(TradingStrategy)
      .createQueryBuilder('s')
      .select('s.userId', 'user_id')
      .distinct(true)
      .getRawMany();
    return rows.map((row) => row.user_id);
  }

  async openOrders(strategyIds: string[]): Promise<OpenBotOrder[]> {
    if (strategyIds.length === 0) return [];
    const rows = await this.dataSource.getRepository(BotOrder).find({
      select: { brokerOrderId: true, symbol: true },
      where: { strategyId: In(strategyIds), brokerOrderId: Not(IsNull()), status: Not(In([...TERMINAL_ORDER_STATUSES])) },
    });
    return rows.map((row) => ({ brokerOrderId: row.brokerOrderId!, symbol: row.symbol }));
  }

  async tradedSymbols(strategyIds: string[]): Promise<string[]> {
    if (strategyIds.length === 0) return [];
    const rows: Array<{ symbol: string }> = await this.dataSource
      .getRepository(BotOrder)
      .createQueryBuilder('o')
      .select('o.symbol', 'symbol')
      .distinct(true)
      .where('o.strategyId IN (:...strategyIds)', { strategyIds })
      .andWhere('o.brokerOrderId IS NOT NULL')
      .getRawMany();
    return rows.map((row) => row.symbol);
  }

  async recordBrokerOrder(order: BrokerOrder): Promise<void> {
    await applyBrokerOrderUpdate(this.dataSource, { order });
  }

  async recordTerminatedRun(run: TerminatedRun): Promise<void> {
    await queueSqliteWrite(this.dataSource, () => this.dataSource.transaction((manager) => recordTerminatedRun(manager, run, run.reason)));
  }
}
