import { Module, type DynamicModule } from '@nestjs/common';
import { Client } from '@temporalio/client';
import type { WorkflowBundleOption } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../../../libs/config';
import { ConfigModule } from '../../../libs/engine/config/config.module';
import { DatabaseModule } from '../../../libs/engine/database/database.module';
import { TemporalClientModule } from '../../../libs/engine/temporal/temporal-client.module';
import { createLogger } from '../../../libs/engine/logger/create-logger';
import { TemporalFillSignaller } from '../../../libs/order-fills/temporal-fill-signaller';
import { FILL_SIGNALLER, OrderFillMonitorService } from './order-fill-monitor/order-fill-monitor.service';
import { PositionExitMonitorService } from './position-exit-monitor/position-exit-monitor.service';
import { StrategyReconcilerService } from './reconciler/strategy-reconciler.service';
import { StrategyWorkerService, WORKFLOW_BUNDLE } from './temporal/strategy-worker.service';

/**
 * The worker process: a Nest application context (no HTTP) hosting the Temporal worker, the
 * reconciler, the order-fill monitor and the position-exit monitor.
 */
@Module({})
export class WorkerModule {
  static forRoot(options: { config?: AppConfig; dataSource?: DataSource; workflowBundle?: WorkflowBundleOption } = {}): DynamicModule {
    return {
      module: WorkerModule,
      imports: [ConfigModule.forRoot(options.config), DatabaseModule.forRoot({ dataSource: options.dataSource }), TemporalClientModule],
      providers: [
        { provide: WORKFLOW_BUNDLE, useValue: options.workflowBundle },
        StrategyWorkerService,
        StrategyReconcilerService,
        { provide: FILL_SIGNALLER, inject: [Client], useFactory: (client: Client) => new TemporalFillSignaller(client, createLogger('order-fills')) },
        OrderFillMonitorService,
        PositionExitMonitorService,
      ],
    };
  }
}
