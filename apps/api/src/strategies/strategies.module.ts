import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { GridStartCheckService } from './grid/grid-start-check.service';
import { GridViewService } from './grid/grid-view.service';
import { StrategyGridController } from './grid/strategy-grid.controller';
import { SchedulerStatusService } from './scheduler-status.service';
import { StrategiesController } from './strategies.controller';
import { StrategiesService } from './strategies.service';
import { StrategyRecordsController } from './strategy-records.controller';
import { StrategyRecordsService } from './strategy-records.service';
import { strategyWorkflowsProvider } from './strategy-workflows.provider';

@Module({
  imports: [AccountsModule],
  controllers: [StrategiesController, StrategyRecordsController, StrategyGridController],
  providers: [
    StrategiesService,
    StrategyRecordsService,
    SchedulerStatusService,
    strategyWorkflowsProvider,
    GridStartCheckService,
    GridViewService,
  ],
})
export class StrategiesModule {}
