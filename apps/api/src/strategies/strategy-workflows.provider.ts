import type { Provider } from '@nestjs/common';
import { Client } from '@temporalio/client';
import type { AppConfig } from '../../../../libs/config';
import { APP_CONFIG } from '../../../../libs/engine/config/app-config.token';
import { StrategyWorkflowClient } from '../../../../libs/scheduling/strategy-workflow-client';

export const strategyWorkflowsProvider: Provider = {
  provide: StrategyWorkflowClient,
  inject: [Client, APP_CONFIG],
  useFactory: (client: Client, config: AppConfig) => new StrategyWorkflowClient(client, config.temporal.taskQueue),
};
