import { isStrategyType } from '../../libs/contracts';
import type { GridContext, GridLogic, PersistedGridState } from '../../libs/strategies/grid/grid-logic';
import { gridContextOf } from '../../libs/strategies/grid/grid-logic';
import { getStrategy } from '../../libs/strategies/registry';
import type { ExecutionStore, StrategyRecord } from '../strategy-execution/execution-store.port';
import { InvalidConfigurationError, StrategyInactiveError, StrategyNotFoundError } from '../strategy-execution/execution.errors';

export interface LoadedGrid {
  strategy: StrategyRecord;
  logic: GridLogic;
  /** Parsed, with defaults applied. */
  config: Record<string, unknown> & { symbol: string };
  /** Present once set-up has run. */
  started?: PersistedGridState;
  context?: GridContext;
}

/** The active strategy behind a grid workflow, or the error that ends the workflow (gone, inactive, not a grid). */
export async function loadGridStrategy(store: ExecutionStore, strategyId: string): Promise<LoadedGrid> {
  const strategy = await store.loadStrategy(strategyId);
  if (!strategy) throw new StrategyNotFoundError(`strategy ${strategyId} no longer exists`);
  if (!strategy.isActive) throw new StrategyInactiveError(`strategy ${strategy.name} is inactive`);
  const definition = isStrategyType(strategy.type) ? getStrategy(strategy.type) : undefined;
  if (!definition?.grid) throw new InvalidConfigurationError(`strategy type ${strategy.type} is not a grid`);
  const parsed = definition.configSchema.safeParse(strategy.configuration);
  if (!parsed.success) throw new InvalidConfigurationError(`configuration of ${strategy.name} is invalid: ${parsed.error.message}`);
  const started = strategy.state.grid as PersistedGridState | undefined;
  return {
    strategy,
    logic: definition.grid,
    config: parsed.data as LoadedGrid['config'],
    started,
    context: started ? gridContextOf(started) : undefined,
  };
}
