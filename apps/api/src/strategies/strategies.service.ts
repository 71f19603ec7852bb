import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { WorkflowNotFoundError } from '@temporalio/client';
import { isDeepStrictEqual } from 'node:util';
import { DataSource, TypeORMError } from 'typeorm';
import type { ExecutionResult, StrategyType } from '../../../../libs/contracts';
import { honourTermination } from '../../../../libs/scheduling/honour-termination';
import { deactivateForTerminatedRun, isTerminatedRunRecorded, type TerminatedRun } from '../../../../libs/scheduling/termination-records';
import { TradingStrategy } from '../../../../libs/database/entities';
import { lastRunNumber } from '../../../../libs/database/queries/last-run-number';
import { createLogger } from '../../../../libs/engine/logger/create-logger';
import { StrategyWorkflowClient } from '../../../../libs/scheduling/strategy-workflow-client';
import { effectiveIntervalSeconds } from '../../../../libs/strategies/strategy-schedule';
import { validateStrategyConfiguration } from '../../../../libs/strategies/validate-configuration';
import type { CreateStrategyDto } from './dto/create-strategy.dto';
import type { UpdateStrategyDto } from './dto/update-strategy.dto';
import { GridStartCheckService } from './grid/grid-start-check.service';
import { presentStrategy, type StrategyResponse } from './strategy.presenter';
import { getStrategy } from '../../../../libs/strategies/registry';
import { exitRuleFields } from '../../../../libs/strategies/exit-rule-fields';
import { riskLimitFields } from '../../../../libs/strategies/risk-limit-fields';

/**
 * Strategy lifecycle: the database row and its Temporal workflow change together. A strategy is
 * active exactly when its workflow runs; the API starts and cancels workflows itself, before it
 * answers, and the worker's reconciler repairs anything left behind by a crash in between.
 */
@Injectable()
export class StrategiesService {
  private readonly logger = createLogger('strategies');

  constructor(
    private readonly dataSource: DataSource,
    private readonly workflows: StrategyWorkflowClient,
    private readonly gridStart: GridStartCheckService,
  ) {}

  private get strategies() {
    return this.dataSource.getRepository(TradingStrategy);
  }

  async create(userId: string, dto: CreateStrategyDto): Promise<StrategyResponse> {
    const { type, config } = this.validConfiguration(dto.type, dto.configuration);
    if (dto.is_active ?? true) await this.gridStart.assertCanStart(userId, type, config);
    const strategy = await this.strategies.save(
      this.strategies.create({
        userId,
        name: dto.name.trim(),
        type,
        isActive: dto.is_active ?? true,
        autoStart: dto.auto_start ?? false,
        configuration: config,
        state: null,
      }),
    );
    if (!strategy.isActive) return presentStrategy(strategy);

    try {
      await this.schedule(strategy, 0);
    } catch (err) {
      // Nothing half-made: a strategy that cannot be scheduled is not kept.
      await this.strategies.delete(strategy.id);
      throw this.temporalUnavailable(err);
    }
    const response = presentStrategy(strategy);
    if (strategy.autoStart) {
      try {
        response.initial_execution_result = await this.workflows.executeNow(strategy.id, 'initial');
      } catch (err) {
        response.initial_execution_result = null;
        response.initial_execution_error = (err as Error).message;
      }
    }
    return response;
  }

  async list(userId: string): Promise<StrategyResponse[]> {
    const rows = await this.strategies.find({ where: { userId }, order: { createdAt: 'DESC' } });
    return rows.map(presentStrategy);
  }

  async get(userId: string, id: string): Promise<StrategyResponse> {
    return presentStrategy(await this.findOwned(userId, id));
  }

  async update(userId: string, id: string, dto: UpdateStrategyDto): Promise<StrategyResponse> {
    const strategy = await this.findOwned(userId, id);
    const previousInterval = effectiveIntervalSeconds(strategy.type, strategy.configuration);
    const wasActive = strategy.isActive;
    const previousConfiguration = strategy.configuration;
    if (dto.configuration !== undefined) strategy.configuration = this.validConfiguration(strategy.type, dto.configuration).config;
    if (dto.name !== undefined) strategy.name = dto.name.trim();
    if (dto.auto_start !== undefined) strategy.autoStart = dto.auto_start;
    if (dto.is_active !== undefined) strategy.isActive = dto.is_active;
    if (wasActive && strategy.isActive && changesRunningGrid(strategy.type, previousConfiguration, strategy.configuration)) {
      throw new ConflictException(
        `A running grid's ladder cannot change under its open orders: deactivate "${strategy.name}" (its orders are cancelled), change the configuration, then activate it again`,
      );
    }
    if (strategy.isActive && (!wasActive || !isDeepStrictEqual(previousConfiguration, strategy.configuration))) {
      await this.gridStart.assertCanStart(userId, strategy.type, strategy.configuration);
    }
    const saved = await this.strategies.save(strategy);

    try {
      if (wasActive && !saved.isActive) await this.unschedule(saved);
      else if (!wasActive && saved.isActive) await this.schedule(saved);
      else if (saved.isActive) {
        const interval = effectiveIntervalSeconds(saved.type, saved.configuration);
        if (interval !== previousInterval) await this.workflows.changeInterval(saved.id, interval);
      }
    } catch (err) {
      // The row already says what the user wants; the reconciler converges the workflow to it.
      this.logger.error({ strategy_id: saved.id, err }, 'Workflow change failed; the reconciler will retry it');
      throw this.temporalUnavailable(err);
    }
    return presentStrategy(saved);
  }

  async remove(userId: string, id: string): Promise<void> {
    const strategy = await this.findOwned(userId, id);
    try {
      await this.unschedule(strategy);
    } catch (err) {
      throw this.temporalUnavailable(err);
    }
    await this.strategies.delete(strategy.id);
  }

  async execute(userId: string, id: string): Promise<ExecutionResult> {
    const strategy = await this.findOwned(userId, id);
    if (!strategy.isActive) {
      throw new ConflictException(`Strategy "${strategy.name}" is inactive: activate it (PATCH is_active=true) before executing it`);
    }
    try {
      return await this.workflows.executeNow(strategy.id);
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw this.temporalUnavailable(err);
    }
    // Active but without a running workflow (lost in a crash): repair it now rather than wait for
    // the reconciler, then run. A workflow an operator terminated is honoured, never undone.
    await this.refuseIfTerminated(strategy);
    try {
      await this.schedule(strategy);
      return await this.workflows.executeNow(strategy.id);
    } catch (err) {
      throw this.temporalUnavailable(err);
    }
  }

  /** Like the reconciler: a run terminated from outside deactivates the strategy (once per run) and is reported as 409. */
  private async refuseIfTerminated(strategy: TradingStrategy): Promise<void> {
    const records = {
      isTerminationRecorded: (strategyId: string, runId: string) => isTerminatedRunRecorded(this.dataSource, strategyId, runId),
      deactivateAfterTermination: (run: TerminatedRun) => deactivateForTerminatedRun(this.dataSource, run),
    };
    const honoured = await honourTermination(this.workflows, records, strategy).catch((err: unknown) => {
      throw this.temporalUnavailable(err);
    });
    if (honoured.outcome === 'none') return;
    const { reason } = honoured.run;
    throw new ConflictException(
      `Strategy "${strategy.name}" was stopped by an operator (its workflow was terminated${reason ? `: ${reason}` : ''}) and is now inactive; activate it (PATCH is_active=true) to resume`,
    );
  }

  /** The caller's strategy, or 404 (also for another user's id, so ids cannot be probed). */
  async findOwned(userId: string, id: string): Promise<TradingStrategy> {
    const strategy = isUuid(id) ? await this.strategies.findOneBy({ id, userId }) : null;
    if (!strategy) throw new NotFoundException(`Strategy ${id} not found`);
    return strategy;
  }

  private validConfiguration(type: string, configuration: unknown): { type: StrategyType; config: Record<string, unknown> } {
    const validation = validateStrategyConfiguration(type, configuration);
    if (!validation.ok) {
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: validation.errors });
    }
    return { type: validation.type, config: validation.config as Record<string, unknown> };
  }

  /** Starts the strategy's workflow; `lastRunNumber` is read from its executions unless known (0 for a new one). */
  private async schedule(strategy: TradingStrategy, knownLastRunNumber?: number): Promise<void> {
    const intervalSeconds = effectiveIntervalSeconds(strategy.type, strategy.configuration);
    const lastRun = knownLastRunNumber ?? (await lastRunNumber(this.dataSource, strategy.id));
    const started = await this.workflows.start({
      strategyId: strategy.id,
      userId: strategy.userId,
      strategyType: strategy.type,
      intervalSeconds,
      lastRunNumber: lastRun,
    });
    if (started) {
      this.logger.info(
        { strategy_id: strategy.id, user_id: strategy.userId },
        `⏰ Scheduled ${strategy.name} (${strategy.type}) to run every ${intervalSeconds}s`,
      );
    }
  }

  private async unschedule(strategy: TradingStrategy): Promise<void> {
    if (await this.workflows.stop(strategy.id)) {
      this.logger.info({ strategy_id: strategy.id, user_id: strategy.userId }, `🛑 Stopped ${strategy.name} (${strategy.type})`);
    }
  }

  private temporalUnavailable(err: unknown): Error {
    if (err instanceof BadRequestException || err instanceof NotFoundException || err instanceof ConflictException) return err;
    // Steps next to Temporal's read the database too (the last run number, the termination
    // records): a database failure stays a 500, as everywhere else in the API, not Temporal's 503.
    if (err instanceof TypeORMError) return err;
    return new ServiceUnavailableException(`Temporal is unavailable: ${(err as Error).message}`);
  }
}

// Settings a running grid may change: they do not move its levels or the orders resting on them.
const LIVE_EDITABLE_GRID_FIELDS = new Set(['interval_seconds', ...Object.keys(riskLimitFields), ...Object.keys(exitRuleFields)]);

/** Whether an edit touches a grid's ladder or sizing (the orders on the book were placed for it). */
function changesRunningGrid(type: StrategyType, before: Record<string, unknown>, after: Record<string, unknown>): boolean {
  if (getStrategy(type).kind !== 'grid') return false;
  const ladder = (config: Record<string, unknown>) => Object.fromEntries(Object.entries(config).filter(([field]) => !LIVE_EDITABLE_GRID_FIELDS.has(field)));
  return !isDeepStrictEqual(ladder(before), ladder(after));
}

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
