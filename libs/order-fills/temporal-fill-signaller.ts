import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Logger } from 'pino';
import { strategyWorkflowId, type OrderFillEvent } from '../contracts';
import { orderFilledSignal } from '../../workflows/grid/grid.messages';
import type { FillSignaller } from './fill-signaller.port';

/** Signals `orderFilled` to the strategy's workflow `strategy-<id>`. */
export class TemporalFillSignaller implements FillSignaller {
  constructor(
    private readonly client: Client,
    private readonly logger: Logger,
  ) {}

  async signal(event: OrderFillEvent): Promise<void> {
    try {
      await this.client.workflow.getHandle(strategyWorkflowId(event.strategyId)).signal(orderFilledSignal, event);
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
      // An inactive or deleted strategy: its fills are recorded, and nobody is left to counter them.
      this.logger.debug({ strategy_id: event.strategyId, broker_order_id: event.brokerOrderId }, 'No running workflow for the fill; signal dropped');
    }
  }
}
