import type { StrategyType } from '../../../../libs/contracts';
import type { TerminatedRun } from '../../../../libs/scheduling/termination-records';

export interface ActiveStrategy {
  id: string;
  userId: string;
  name: string;
  type: StrategyType;
  intervalSeconds: number;
}

/** The reconciler's view of the database. */
export interface ActiveStrategySource {
  listActive(): Promise<ActiveStrategy[]>;
  isActive(strategyId: string): Promise<boolean>;
  /** Highest run number the strategy already used (0 if none): a new workflow continues after it. */
  lastRunNumber(strategyId: string): Promise<number>;
  /** Whether this terminated run was honoured before: a strategy active again since was reactivated on purpose. */
  isTerminationRecorded(strategyId: string, runId: string): Promise<boolean>;
  /** Marks the strategy inactive and records the termination; false when it was no longer active. */
  deactivateAfterTermination(run: TerminatedRun): Promise<boolean>;
}
