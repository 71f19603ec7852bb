import { Module } from '@nestjs/common';
import { SchedulerStatusService } from './scheduler-status.service';
import { StrategiesController } from './strategies.controller';
import { StrategiesService } from './strategies.service';
import { StrategyRecordsController } from './strategy-records.controller';
import { StrategyRecordsService } from './strategy-records.service';
import { strategyWorkflowsProvider } from './strategy-workflows.provider';

@Module({
  controllers: [StrategiesController, StrategyRecordsController],
  providers: [StrategiesService, StrategyRecordsService, SchedulerStatusService, strategyWorkflowsProvider],
})
export class StrategiesModule {}
