import type { StrategyType } from '../../../../libs/contracts';

export interface ActiveStrategy {
  id: string;
  userId: string;
  name: string;
  type: StrategyType;
  intervalSeconds: number;
  /** Highest run number already used (0 if none): a new workflow continues after it. */
  lastRunNumber: number;
}

/** The reconciler's view of the database. */
export interface ActiveStrategySource {
  listActive(): Promise<ActiveStrategy[]>;
  isActive(strategyId: string): Promise<boolean>;
}
