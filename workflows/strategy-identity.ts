import { upsertSearchAttributes } from '@temporalio/workflow';
import { StrategyIdKey, StrategyTypeKey, UserIdKey } from './search-attribute-keys';

/** Tags the workflow with its strategy, type and owner, so the Web UI and the CLI can filter by them. */
export function upsertStrategyIdentity(input: { strategyId: string; strategyType: string; userId: string }): void {
  upsertSearchAttributes([
    { key: StrategyIdKey, value: input.strategyId },
    { key: StrategyTypeKey, value: input.strategyType },
    { key: UserIdKey, value: input.userId },
  ]);
}
