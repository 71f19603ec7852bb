import type { Provider } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { StrategyWorkflowClient } from '../../../../libs/scheduling/strategy-workflow-client';

export const strategyWorkflowsProvider: Provider = {
  provide: StrategyWorkflowClient,
  inject: [Client],
  useFactory: (client: Client) => new StrategyWorkflowClient(client),
};
