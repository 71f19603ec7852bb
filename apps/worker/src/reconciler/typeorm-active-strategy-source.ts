import type { DataSource } from 'typeorm';
import { TradingStrategy } from '../../../../libs/database/entities';
import { lastRunNumber } from '../../../../libs/database/queries/last-run-number';
import { deactivateForTerminatedRun, isTerminatedRunRecorded, type TerminatedRun } from '../../../../libs/scheduling/termination-records';
import { effectiveIntervalSeconds } from '../../../../libs/strategies/strategy-schedule';
import type { ActiveStrategy, ActiveStrategySource } from './active-strategy-source';

export class TypeormActiveStrategySource implements ActiveStrategySource {
  constructor(private readonly dataSource: DataSource) {}

  async listActive(): Promise<ActiveStrategy[]> {
    const rows = await this.dataSource.getRepository(TradingStrategy).findBy({ isActive: true });
    return rows.map((row) => ({
      id: row.id,
      userId: row.userId,
      name: row.name,
      type: row.type,
      intervalSeconds: effectiveIntervalSeconds(row.type, row.configuration),
    }));
  }

  async lastRunNumber(strategyId: string): Promise<number> {
    return lastRunNumber(this.dataSource, strategyId);
  }

  async isActive(strategyId: string): Promise<boolean> {
    return this.dataSource.getRepository(TradingStrategy).existsBy({ id: strategyId, isActive: true });
  }

  isTerminationRecorded(strategyId: string, runId: string): Promise<boolean> {
    return isTerminatedRunRecorded(this.dataSource, strategyId, runId);
  }

  deactivateAfterTermination(run: TerminatedRun): Promise<boolean> {
    return deactivateForTerminatedRun(this.dataSource, run);
  }
}
