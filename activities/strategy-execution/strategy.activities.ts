import { withHeartbeat } from '../shared/with-heartbeat';
import { executeStrategy, type ExecuteStrategyDeps, type ExecuteStrategyInput } from './execute-strategy.activity';
import { settleUnit, type SettleUnitInput } from './unit/settle-unit.activity';

/**
 * The activities strategy workflows call, bound to their dependencies. Workflows import only
 * the type of this object.
 */
export function createStrategyActivities(deps: ExecuteStrategyDeps) {
  return {
    executeStrategy: (input: ExecuteStrategyInput) => withHeartbeat(() => executeStrategy(deps, input)),
    settleUnit: (input: SettleUnitInput) => withHeartbeat(() => settleUnit(deps, input)),
  };
}

export type StrategyActivities = ReturnType<typeof createStrategyActivities>;
