import { QueryFailedError, type DataSource, type EntityManager } from 'typeorm';
import { isStrategyType } from '../../../../libs/contracts';
import { BotOrder, ExitEvent, TERMINAL_ORDER_STATUSES, TradingStrategy } from '../../../../libs/database/entities';
import { queueSqliteWrite } from '../../../../libs/database/sqlite-write-queue';
import { exitRulesOf, type PositionSide } from '../../../../libs/exits';
import { exitClientOrderId } from './exit-client-order-id';
import type { ExitDetails, ExitMonitorSource, NewExit, PersistedWaterMark, RecordedExit, WatchedStrategy } from './exit-monitor-source';
import { orderIntentOf, pendingOrderRow } from '../../../../libs/database/pending-order-row';
import { EXIT_STATE_KEY, updateStrategyState } from '../../../../libs/database/update-strategy-state';

export class TypeormExitMonitorSource implements ExitMonitorSource {
  constructor(private readonly dataSource: DataSource) {}

  async listWatchedStrategies(): Promise<WatchedStrategy[]> {
    // Exit rules live in the configuration JSON, which SQLite and PostgreSQL query differently:
    // active strategies are few, so they are filtered here.
    const rows = await this.dataSource.getRepository(TradingStrategy).find({ where: { isActive: true }, order: { createdAt: 'ASC' } });
    return rows.flatMap((row): WatchedStrategy[] => {
      const rules = exitRulesOf(row.configuration ?? {});
      const symbol = row.configuration?.symbol;
      if (!rules || typeof symbol !== 'string' || !isStrategyType(row.type)) return [];
      return [{ id: row.id, userId: row.userId, name: row.name, type: row.type, symbol, rules, waterMark: waterMarkOf(row.state) }];
    });
  }

  async listUnsentExits(): Promise<RecordedExit[]> {
    const rows = await this.exitQuery().where('o.status = :pending', { pending: 'pending' }).orderBy('e.createdAt', 'ASC').getMany();
    return rows.map(toRecordedExit);
  }

  async latestExit(strategyId: string): Promise<RecordedExit | undefined> {
    const row = await this.exitQuery()
      .where('e.strategyId = :strategyId', { strategyId })
      .orderBy('e.createdAt', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .getOne();
    return row ? toRecordedExit(row) : undefined;
  }

  async exitInFlight(userId: string, symbol: string): Promise<RecordedExit | undefined> {
    const row = await this.exitQuery()
      .where('e.userId = :userId AND e.symbol = :symbol', { userId, symbol })
      .andWhere('o.status NOT IN (:...terminal)', { terminal: TERMINAL_ORDER_STATUSES })
      .orderBy('e.createdAt', 'DESC')
      .getOne();
    return row ? toRecordedExit(row) : undefined;
  }

  async saveWaterMark(strategyId: string, waterMark: PersistedWaterMark | null): Promise<void> {
    await this.write((manager) => updateStrategyState(manager, strategyId, (state) => {
      const { [EXIT_STATE_KEY]: _previous, ...rest } = state;
      return waterMark ? { ...rest, [EXIT_STATE_KEY]: waterMark } : rest;
    }));
  }

  async recordExit(exit: NewExit): Promise<RecordedExit | undefined> {
    try {
      const eventId = await this.write(async (manager) => {
        const seq = (await manager.getRepository(ExitEvent).countBy({ strategyId: exit.strategy.id })) + 1;
        const clientOrderId = exitClientOrderId(exit.strategy.id, seq);
        const order = await manager
          .getRepository(BotOrder)
          .save(manager.getRepository(BotOrder).create(pendingOrderRow({ userId: exit.strategy.userId, strategyId: exit.strategy.id, clientOrderId, intent: exit.intent, runNumber: null })));
        const details: ExitDetails = { seq, client_order_id: clientOrderId, ...exit.details };
        const event = await manager.getRepository(ExitEvent).save(
          manager.getRepository(ExitEvent).create({
            userId: exit.strategy.userId,
            strategyId: exit.strategy.id,
            symbol: exit.symbol,
            trigger: exit.trigger,
            triggerPrice: exit.triggerPrice,
            entryPrice: exit.entryPrice,
            exitOrderId: order.id,
            details: details as unknown as Record<string, unknown>,
          }),
        );
        return event.id;
      });
      const row = await this.exitQuery().where('e.id = :eventId', { eventId }).getOneOrFail();
      return toRecordedExit(row);
    } catch (err) {
      // Another worker numbered the same exit first (unique client_order_id): it closes the position.
      if (err instanceof QueryFailedError && /unique|duplicate/i.test(err.message)) return undefined;
      throw err;
    }
  }

  async abandonExit(exit: RecordedExit, reason: string): Promise<void> {
    await this.write(async (manager) => {
      await manager.getRepository(BotOrder).update({ id: exit.order.id, status: 'pending' }, { status: 'canceled' });
      await manager.getRepository(ExitEvent).update(exit.eventId, { details: { ...exit.details, abandoned: reason } as never });
    });
  }

  async deactivate(strategyId: string): Promise<void> {
    await this.dataSource.getRepository(TradingStrategy).update(strategyId, { isActive: false });
  }

  private exitQuery() {
    return this.dataSource
      .getRepository(ExitEvent)
      .createQueryBuilder('e')
      .innerJoinAndSelect('e.exitOrder', 'o')
      .innerJoinAndSelect('e.strategy', 's');
  }

  // Queued on SQLite, where concurrent transactions on the one connection would nest (see queueSqliteWrite).
  private write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return queueSqliteWrite(this.dataSource, () => this.dataSource.transaction(work));
  }
}

function waterMarkOf(state: Record<string, unknown> | null): PersistedWaterMark | undefined {
  const exit = state?.[EXIT_STATE_KEY] as Partial<PersistedWaterMark> | undefined;
  if (!exit || (exit.side !== 'long' && exit.side !== 'short')) return undefined;
  if (typeof exit.water_mark !== 'number' || !(exit.water_mark > 0)) return undefined;
  return { side: exit.side as PositionSide, water_mark: exit.water_mark, after_exit: typeof exit.after_exit === 'number' ? exit.after_exit : 0 };
}

function toRecordedExit(row: ExitEvent): RecordedExit {
  const order = row.exitOrder!;
  const strategy = row.strategy!;
  const intent = orderIntentOf(order);
  return {
    eventId: row.id,
    strategyId: row.strategyId,
    userId: row.userId,
    strategyName: strategy.name,
    strategyType: strategy.type,
    symbol: row.symbol,
    trigger: row.trigger,
    triggerPrice: row.triggerPrice,
    entryPrice: row.entryPrice,
    details: row.details as unknown as ExitDetails,
    order: { id: order.id, clientOrderId: order.clientOrderId, brokerOrderId: order.brokerOrderId, status: order.status, intent },
    createdAt: row.createdAt,
  };
}
