import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { strategyWorkflowId } from '../../../../libs/contracts';
import type { PositionExitEvent } from '../../../../libs/contracts/position-exit';
import { positionExitedSignal } from '../../../../workflows/strategy/strategy.messages';

/** Tells the strategy's workflow that its position was closed (the `positionExited` signal). */
export interface ExitSignaller {
  /** Resolves without error when the strategy has no running workflow. */
  signal(exit: PositionExitEvent): Promise<void>;
}

export class TemporalExitSignaller implements ExitSignaller {
  constructor(private readonly client: Client) {}

  async signal(exit: PositionExitEvent): Promise<void> {
    try {
      await this.client.workflow.getHandle(strategyWorkflowId(exit.strategyId)).signal(positionExitedSignal, exit);
    } catch (err) {
      // An inactive or deleted strategy: the exit is recorded in exit_events, nobody else is waiting for it.
      if (!(err instanceof WorkflowNotFoundError)) throw err;
    }
  }
}
