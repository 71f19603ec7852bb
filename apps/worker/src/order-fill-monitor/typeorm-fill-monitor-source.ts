import { Brackets, type DataSource } from 'typeorm';
import { GRID_STRATEGY_TYPES } from '../../../../libs/contracts';
import { AlpacaOauthToken, BotOrder, TERMINAL_ORDER_STATUSES, TradingStrategy } from '../../../../libs/database/entities';
import type { FillMonitorSource, OrderToCheck, StreamedAccount } from './fill-monitor-source';

export class TypeormFillMonitorSource implements FillMonitorSource {
  constructor(private readonly dataSource: DataSource) {}

  async listStreamedAccounts(): Promise<StreamedAccount[]> {
    const connections = await this.dataSource
      .getRepository(AlpacaOauthToken)
      .createQueryBuilder('t')
      .innerJoin(TradingStrategy, 's', 's.userId = t.userId AND s.isActive = :active', { active: true })
      .getMany();
    return connections.map((c) => ({ userId: c.userId, connectionVersion: `${c.id}@${c.updatedAt.getTime()}` }));
  }

  async listOrdersToCheck(unacknowledgedBefore: Date): Promise<OrderToCheck[]> {
    const rows = await this.dataSource
      .getRepository(BotOrder)
      .createQueryBuilder('o')
      .innerJoinAndSelect('o.strategy', 's')
      .where(
        new Brackets((any) =>
          any
            .where('o.status NOT IN (:...terminal) AND o.brokerOrderId IS NOT NULL')
            .orWhere('o.status NOT IN (:...terminal) AND o.brokerOrderId IS NULL AND o.createdAt < :before')
            .orWhere('s.type IN (:...grid) AND s.isActive = :active AND o.filledQty > o.counteredQty'),
        ),
      )
      .setParameters({ terminal: TERMINAL_ORDER_STATUSES, before: unacknowledgedBefore, grid: GRID_STRATEGY_TYPES, active: true })
      .orderBy('o.createdAt', 'ASC')
      .getMany();
    return rows.map((row) => ({ row, strategyType: row.strategy!.type }));
  }
}
