import { ConflictException, ServiceUnavailableException } from '@nestjs/common';
import { WorkflowNotFoundError } from '@temporalio/client';
import { QueryFailedError, type DataSource } from 'typeorm';
import { BotRiskEvent, TradingStrategy } from '../../../../libs/database/entities';
import type { StrategyWorkflowClient } from '../../../../libs/scheduling/strategy-workflow-client';
import * as terminationRecords from '../../../../libs/scheduling/termination-records';
import type { GridStartCheckService } from './grid/grid-start-check.service';
import { StrategiesService } from './strategies.service';

const ID = '11111111-1111-4111-8111-111111111111';
const STRATEGY = { id: ID, userId: 'u-1', name: 'Daily SPY', type: 'dca', isActive: true, configuration: {} } as unknown as TradingStrategy;

/** A strategy active in the database whose workflow Temporal no longer runs: execute takes its repair path. */
function serviceWith(options: { latestRun: StrategyWorkflowClient['latestRun']; riskEvents: () => Promise<BotRiskEvent[]> }) {
  const repositories = new Map<unknown, object>([
    [TradingStrategy, { findOneBy: async () => STRATEGY }],
    [BotRiskEvent, { findBy: options.riskEvents }],
  ]);
  const dataSource = { getRepository: (entity: unknown) => repositories.get(entity) } as unknown as DataSource;
  const workflows = {
    executeNow: async () => Promise.reject(new WorkflowNotFoundError('workflow not found', `strategy-${ID}`, undefined)),
    latestRun: options.latestRun,
    terminationOf: async () => ({ reason: 'runaway', identity: 'ops@bastion' }),
  } as unknown as StrategyWorkflowClient;
  return new StrategiesService(dataSource, workflows, {} as GridStartCheckService);
}

describe('StrategiesService.execute of a strategy whose workflow is gone', () => {
  afterEach(() => jest.restoreAllMocks());

  it('answers 503 "Temporal is unavailable" when Temporal cannot say how the workflow ended', async () => {
    const service = serviceWith({ latestRun: () => Promise.reject(new Error('14 UNAVAILABLE: connection refused')), riskEvents: async () => [] });
    const error = await service.execute('u-1', ID).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ServiceUnavailableException);
    expect((error as Error).message).toBe('Temporal is unavailable: 14 UNAVAILABLE: connection refused');
  });

  it('lets a database failure of the termination check through as itself, not as a Temporal outage', async () => {
    const dbError = new QueryFailedError('SELECT', [], new Error('SQLITE_BUSY: database is locked'));
    const service = serviceWith({ latestRun: async () => ({ runId: 'run-9', status: 'TERMINATED' }), riskEvents: () => Promise.reject(dbError) });
    await expect(service.execute('u-1', ID)).rejects.toBe(dbError);
  });

  it('refuses with 409 a strategy whose workflow an operator terminated', async () => {
    const service = serviceWith({ latestRun: async () => ({ runId: 'run-9', status: 'TERMINATED' }), riskEvents: async () => [] });
    // The fake database has no transactions: stand in for the deactivation's write.
    jest.spyOn(terminationRecords, 'deactivateForTerminatedRun').mockResolvedValue(true);
    const error = await service.execute('u-1', ID).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ConflictException);
    expect((error as Error).message).toMatch(/stopped by an operator \(its workflow was terminated: runaway\)/);
  });
});
