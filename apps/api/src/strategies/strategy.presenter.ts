import { strategyWorkflowId, type ExecutionResult } from '../../../../libs/contracts';
import type { TradingStrategy } from '../../../../libs/database/entities';
import { effectiveIntervalSeconds } from '../../../../libs/strategies/strategy-schedule';

export interface StrategyResponse {
  id: string;
  user_id: string;
  name: string;
  type: string;
  is_active: boolean;
  auto_start: boolean;
  configuration: Record<string, unknown>;
  interval_seconds: number;
  workflow_id: string;
  created_at: string;
  updated_at: string;
  initial_execution_result?: ExecutionResult | null;
  initial_execution_error?: string;
}

export function presentStrategy(strategy: TradingStrategy): StrategyResponse {
  return {
    id: strategy.id,
    user_id: strategy.userId,
    name: strategy.name,
    type: strategy.type,
    is_active: strategy.isActive,
    auto_start: strategy.autoStart,
    configuration: strategy.configuration,
    interval_seconds: effectiveIntervalSeconds(strategy.type, strategy.configuration),
    workflow_id: strategyWorkflowId(strategy.id),
    created_at: strategy.createdAt.toISOString(),
    updated_at: strategy.updatedAt.toISOString(),
  };
}
