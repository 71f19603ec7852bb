import { In, Not, type DataSource } from 'typeorm';
import { BotOrder, BotRiskEvent, ExitEvent, TERMINAL_ORDER_STATUSES, Trade, User } from '../../../libs/database/entities';
import { pickRiskLimits } from '../../../libs/risk/risk-limits';
import type { RiskEventRow, RiskHistory, RiskStore } from './risk-store.port';

/** RiskStore over TypeORM (SQLite or PostgreSQL). */
export class TypeormRiskStore implements RiskStore {
  constructor(private readonly dataSource: DataSource) {}

  async loadHistory(query: { strategyId: string; userId: string; symbol: string; since: Date }): Promise<RiskHistory> {
    const [openOrders, position, strategyPnl, userPnl, lastStopLoss, user] = await Promise.all([
      this.dataSource.getRepository(BotOrder).countBy({ strategyId: query.strategyId, status: Not(In([...TERMINAL_ORDER_STATUSES])) }),
      this.position(query.strategyId, query.symbol),
      this.realizedSince('strategy_id', query.strategyId, query.since),
      this.realizedSince('user_id', query.userId, query.since),
      this.dataSource.getRepository(ExitEvent).findOne({
        where: { strategyId: query.strategyId, trigger: 'stop_loss' },
        order: { createdAt: 'DESC' },
      }),
      this.dataSource.getRepository(User).findOne({ where: { id: query.userId }, select: { id: true, riskLimits: true } }),
    ]);
    return {
      openOrders,
      position,
      realizedPnlToday: { strategy: strategyPnl, user: userPnl },
      lastStopLossAt: lastStopLoss?.createdAt ?? null,
      userLimits: pickRiskLimits(user?.riskLimits),
    };
  }

  async findRiskEvent(id: string): Promise<RiskEventRow | undefined> {
    const row = await this.dataSource.getRepository(BotRiskEvent).findOneBy({ id });
    return row ? { id: row.id, userId: row.userId, strategyId: row.strategyId ?? '', rule: row.rule, reason: row.reason, details: row.details } : undefined;
  }

  async recordRiskEvent(event: RiskEventRow): Promise<boolean> {
    const events = this.dataSource.getRepository(BotRiskEvent);
    if (await events.existsBy({ id: event.id })) return false;
    try {
      await events.insert({ ...event, details: event.details as never });
      return true;
    } catch (err) {
      // Another attempt inserted it between our check and our insert.
      if (await events.existsBy({ id: event.id })) return false;
      throw err;
    }
  }

  private async position(strategyId: string, symbol: string): Promise<RiskHistory['position']> {
    const row = await this.dataSource
      .getRepository(Trade)
      .createQueryBuilder('t')
      .select("SUM(CASE WHEN t.side = 'buy' THEN t.qty ELSE -t.qty END)", 'qty')
      .addSelect("SUM(CASE WHEN t.side = 'buy' THEN t.notional ELSE -t.notional END)", 'invested')
      .where('t.strategyId = :strategyId AND t.symbol = :symbol', { strategyId, symbol })
      .getRawOne<{ qty: string | number | null; invested: string | number | null }>();
    return { qty: toNumber(row?.qty), netInvested: toNumber(row?.invested) };
  }

  private async realizedSince(column: 'strategy_id' | 'user_id', id: string, since: Date): Promise<number> {
    const row = await this.dataSource
      .getRepository(Trade)
      .createQueryBuilder('t')
      .select('SUM(t.realizedPnl)', 'pnl')
      .where(`t.${column === 'strategy_id' ? 'strategyId' : 'userId'} = :id`, { id })
      .andWhere('t.executedAt >= :since', { since })
      .andWhere('t.realizedPnl IS NOT NULL')
      .getRawOne<{ pnl: string | number | null }>();
    return toNumber(row?.pnl);
  }
}

// Decimal sums come back as strings on PostgreSQL and numbers on SQLite; nothing summed is null.
function toNumber(value: string | number | null | undefined): number {
  const parsed = typeof value === 'number' ? value : Number.parseFloat(value ?? '');
  return Number.isFinite(parsed) ? Math.round(parsed * 1e9) / 1e9 : 0;
}
