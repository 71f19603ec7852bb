import { BadRequestException, Injectable } from '@nestjs/common';
import { DataSource, In, Not } from 'typeorm';
import { GRID_STRATEGY_TYPES } from '../../../../../libs/contracts';
import { BotOrder, TERMINAL_ORDER_STATUSES, Trade, type TradingStrategy } from '../../../../../libs/database/entities';
import { gridLogicFor } from '../../../../../libs/strategies/grid';
import type { PersistedGridState } from '../../../../../libs/strategies/grid/grid-logic';
import { StrategiesService } from '../strategies.service';
import { gridLevelRows, type GridView } from './grid-view';

interface RealizedTotals {
  cycles: number;
  usd: number;
  units: number;
}

/** GET /api/strategies/:id/grid: the ladder, the order on each level, and what the grid has earned. */
@Injectable()
export class GridViewService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly strategies: StrategiesService,
  ) {}

  async view(userId: string, strategyId: string): Promise<GridView> {
    const strategy = await this.strategies.findOwned(userId, strategyId);
    const logic = gridLogicFor(strategy.type);
    if (!logic) {
      throw new BadRequestException(
        `Strategy ${strategyId} is a ${strategy.type} strategy, not a grid strategy; only ${GRID_STRATEGY_TYPES.join(', ')} strategies have a grid`,
      );
    }
    const [openOrders, lastFill, realized] = await Promise.all([
      this.openOrders(strategyId),
      this.dataSource.getRepository(Trade).findOne({ where: { strategyId }, order: { executedAt: 'DESC' } }),
      this.realizedTotals(strategyId),
    ]);
    const startPrice = persistedGrid(strategy)?.start_price ?? null;
    // A grid that has not started yet shows its ladder around the last price it knows of.
    const aroundPrice = startPrice ?? lastFill?.price ?? Number(strategy.configuration.lower_price);
    return {
      strategy_id: strategy.id,
      type: strategy.type,
      symbol: String(strategy.configuration.symbol),
      profit_unit: logic.profitUnit,
      start_price: startPrice,
      levels: gridLevelRows(logic.ladder(strategy.configuration, aroundPrice), openOrders),
      open_orders: openOrders.length,
      filled_cycles: realized.cycles,
      realized_profit_usd: roundTo(realized.usd, 6),
      realized_profit_units: logic.profitUnit === 'asset' ? roundTo(realized.units, 9) : 0,
      last_fill_at: lastFill?.executedAt.toISOString() ?? null,
    };
  }

  /** Orders that can still fill, oldest first. */
  private openOrders(strategyId: string): Promise<BotOrder[]> {
    return this.dataSource.getRepository(BotOrder).find({
      where: { strategyId, status: Not(In([...TERMINAL_ORDER_STATUSES])) },
      order: { createdAt: 'ASC' },
    });
  }

  /**
   * What the closing orders' fills realised. A closing order completes one round trip however many
   * partial fills it takes, so cycles count closing orders with a realising fill, not fills. The
   * unit profit of a fill is its USD profit at its own price.
   */
  private async realizedTotals(strategyId: string): Promise<RealizedTotals> {
    const row = await this.dataSource
      .getRepository(Trade)
      .createQueryBuilder('t')
      .innerJoin(BotOrder, 'o', 'o.id = t.order_id')
      .select('COUNT(DISTINCT t.order_id)', 'cycles')
      .addSelect('SUM(t.realized_pnl)', 'usd')
      .addSelect('SUM(t.realized_pnl * 1.0 / t.price)', 'units')
      .where('t.strategy_id = :strategyId', { strategyId })
      .andWhere("o.grid_role = 'close'")
      .andWhere('t.realized_pnl IS NOT NULL')
      .getRawOne<{ cycles: string | number; usd: string | number | null; units: string | number | null }>();
    // SQLite stores whole decimals as integers, and integer division truncates: hence `* 1.0` above.
    // PostgreSQL returns COUNT and SUM over numeric as strings; SQLite as numbers.
    return { cycles: Number(row?.cycles ?? 0), usd: Number(row?.usd ?? 0), units: Number(row?.units ?? 0) };
  }
}

function persistedGrid(strategy: TradingStrategy): PersistedGridState | undefined {
  const grid = strategy.state?.grid as PersistedGridState | undefined;
  return typeof grid?.start_price === 'number' ? grid : undefined;
}

// Sums of decimals pick up binary noise (0.1 + 0.2); `+ 0` turns a rounded -0 into 0.
function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor + 0;
}
