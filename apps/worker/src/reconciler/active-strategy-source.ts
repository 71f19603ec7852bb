import type { StrategyType } from '../../../../libs/contracts';
import type { TerminationRecords } from '../../../../libs/scheduling/honour-termination';

export interface ActiveStrategy {
  id: string;
  userId: string;
  name: string;
  type: StrategyType;
  intervalSeconds: number;
}

/** The reconciler's view of the database. */
export interface ActiveStrategySource extends TerminationRecords {
  listActive(): Promise<ActiveStrategy[]>;
  isActive(strategyId: string): Promise<boolean>;
  /** Highest run number the strategy already used (0 if none): a new workflow continues after it. */
  lastRunNumber(strategyId: string): Promise<number>;
}
