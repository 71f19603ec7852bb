import type { DataSource } from 'typeorm';
import { TradingStrategy } from '../../../../libs/database/entities';
import { lastRunNumbers } from '../../../../libs/database/queries/last-run-numbers';
import { effectiveIntervalSeconds } from '../../../../libs/strategies/strategy-schedule';
import type { ActiveStrategy, ActiveStrategySource } from './active-strategy-source';

export class TypeormActiveStrategySource implements ActiveStrategySource {
  constructor(private readonly dataSource: DataSource) {}

  async listActive(): Promise<ActiveStrategy[]> {
    const rows = await this.dataSource.getRepository(TradingStrategy).findBy({ isActive: true });
    const lastRuns = await lastRunNumbers(this.dataSource, rows.map((row) => row.id));
    return rows.map((row) => ({
      lastRunNumber: lastRuns.get(row.id) ?? 0,
      id: row.id,
      userId: row.userId,
      name: row.name,
      type: row.type,
      intervalSeconds: effectiveIntervalSeconds(row.type, row.configuration),
    }));
  }

  async isActive(strategyId: string): Promise<boolean> {
    return this.dataSource.getRepository(TradingStrategy).existsBy({ id: strategyId, isActive: true });
  }
}
