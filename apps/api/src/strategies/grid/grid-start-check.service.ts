import { Injectable } from '@nestjs/common';
import type { StrategyType } from '../../../../../libs/contracts';
import { gridLogicFor } from '../../../../../libs/strategies/grid';
import { fetchGridStartMarket } from '../../../../../libs/strategies/grid/fetch-grid-start-market';
import type { GridStartMarket } from '../../../../../libs/strategies/grid/grid-logic';
import { gridStartCheckFailure, gridStartRefused } from './grid-start-failure';
import { UserBrokerService } from '../../accounts/user-broker.service';

/**
 * A grid places all its opening orders the moment it starts, so a range the price is not in, or
 * orders the account cannot afford, are refused before the strategy is saved or started rather
 * than discovered by the workflow later.
 */
@Injectable()
export class GridStartCheckService {
  constructor(private readonly brokers: UserBrokerService) {}

  /** Resolves when `type` is not a grid or the grid can start now; throws 400 (the reason) or 503 (broker down). */
  async assertCanStart(userId: string, type: StrategyType, config: Record<string, unknown>): Promise<void> {
    const logic = gridLogicFor(type);
    if (!logic) return;
    const symbol = String(config.symbol);
    let market: GridStartMarket;
    try {
      market = await fetchGridStartMarket(await this.brokers.brokerFor(userId), symbol);
    } catch (error) {
      throw gridStartCheckFailure(error, symbol);
    }
    const check = logic.checkStart(config, market);
    if (!check.ok) throw gridStartRefused(check.error);
  }
}
