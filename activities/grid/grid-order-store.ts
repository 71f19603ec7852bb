import { In, IsNull, Not, type DataSource, type EntityManager } from 'typeorm';
import { gridClientOrderId, type OrderIntent } from '../../libs/contracts';
import { BotOrder, TERMINAL_ORDER_STATUSES, Trade, type GridRole } from '../../libs/database/entities';
import type { GridOrder, PersistedGridState } from '../../libs/strategies/grid/grid-logic';
import { queueSqliteWrite } from '../../libs/database/sqlite-write-queue';
import { pendingOrderRow } from '../../libs/database/pending-order-row';
import { updateStrategyState } from '../../libs/database/update-strategy-state';

/** A grid order about to be recorded as `pending`, before it is sent. */
export interface NewGridOrder {
  userId: string;
  strategyId: string;
  seq: number;
  clientOrderId: string;
  intent: OrderIntent;
  level: number;
  role: GridRole;
  parentOrderId: string | null;
}

/** A grid order a step decided on, as the row to record under the step's event number. */
export function toNewGridOrder(order: GridOrder, owner: { userId: string; strategyId: string }, seq: number, parentOrderId: string | null): NewGridOrder {
  const { level, role, reason: _reason, ...intent } = order;
  return {
    ...owner,
    seq,
    clientOrderId: gridClientOrderId(owner.strategyId, level, seq, intent.side),
    intent,
    level,
    role,
    parentOrderId,
  };
}

/** The grid activities' reads and writes of bot_orders, trades and the strategy's grid state. */
export class GridOrderStore {
  constructor(private readonly dataSource: DataSource) {}

  // One transaction at a time on SQLite, shared with the fill handler (see queueSqliteWrite).
  private write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return queueSqliteWrite(this.dataSource, () => this.dataSource.transaction(work));
  }

  private get orders() {
    return this.dataSource.getRepository(BotOrder);
  }

  findByClientOrderId(clientOrderId: string): Promise<BotOrder | null> {
    return this.orders.findOneBy({ clientOrderId });
  }

  findById(id: string): Promise<BotOrder | null> {
    return this.orders.findOneBy({ id });
  }

  /** Recorded but never acknowledged by the broker: a crash came between recording and sending. */
  unsent(strategyId: string, parentOrderId?: string): Promise<BotOrder[]> {
    return this.orders.find({
      // Grid orders only: the position-exit monitor sends its own exit orders (grid_level null).
      where: { strategyId, gridLevel: Not(IsNull()), status: 'pending', brokerOrderId: IsNull(), ...(parentOrderId ? { parentOrderId } : {}) },
      order: { createdAt: 'ASC', clientOrderId: 'ASC' },
    });
  }

  /** Grid orders the broker may still fill. */
  open(strategyId: string): Promise<BotOrder[]> {
    return this.orders.find({
      where: { strategyId, gridLevel: Not(IsNull()), brokerOrderId: Not(IsNull()), status: Not(In([...TERMINAL_ORDER_STATUSES])) },
      order: { gridLevel: 'ASC' },
    });
  }

  /** Filled grid orders whose fill has not been fully answered yet. */
  unanswered(strategyId: string): Promise<BotOrder[]> {
    return this.orders
      .createQueryBuilder('o')
      .where('o.strategyId = :strategyId', { strategyId })
      .andWhere('o.gridLevel IS NOT NULL AND o.brokerOrderId IS NOT NULL AND o.filledQty > o.counteredQty')
      .getMany();
  }

  /** Records the grid's opening orders and its start state together, so a retried set-up places exactly these. */
  async recordSetup(strategyId: string, grid: PersistedGridState, orders: NewGridOrder[]): Promise<void> {
    await this.write(async (manager) => {
      await insertAll(manager, orders);
      await updateStrategyState(manager, strategyId, (state) => ({ ...state, grid }));
    });
  }

  /**
   * Records the answer to a fill: its counter orders as `pending`, the filled order's countered
   * qty, and the realised profit on the trade row of the fill. All or nothing; false (and nothing
   * written) when another attempt already answered this much of the fill.
   */
  async recordAnswer(answer: {
    filledOrderId: string;
    counteredQty: number;
    orders: NewGridOrder[];
    profit?: { executionKey: string; usd: number };
  }): Promise<boolean> {
    return this.write(async (manager) => {
      const claimed = await manager
        .createQueryBuilder()
        .update(BotOrder)
        .set({ counteredQty: answer.counteredQty })
        .where('id = :id AND countered_qty < :qty', { id: answer.filledOrderId, qty: answer.counteredQty })
        .execute();
      if (!claimed.affected) return false;
      await insertAll(manager, answer.orders);
      if (answer.profit) {
        await manager.getRepository(Trade).update({ executionKey: answer.profit.executionKey }, { realizedPnl: answer.profit.usd });
      }
      return true;
    });
  }

  /** Records orders that replace ones the broker closed without our asking. */
  async recordReplacements(orders: NewGridOrder[]): Promise<void> {
    await this.write((manager) => insertAll(manager, orders));
  }

  /** Recorded orders that were never sent will not be: the grid stopped. */
  async discardUnsent(strategyId: string): Promise<void> {
    // Not an exit order the position-exit monitor is about to send (grid_level null): it must go out.
    await this.orders.update({ strategyId, gridLevel: Not(IsNull()), status: 'pending', brokerOrderId: IsNull() }, { status: 'canceled' });
  }

  /** Forgets the grid's start state after its orders were cancelled, so a reactivation starts afresh. */
  async clearGridState(strategyId: string): Promise<void> {
    await this.write(async (manager) => {
      await updateStrategyState(manager, strategyId, ({ grid: _dropped, ...rest }) => rest);
    });
  }
}

async function insertAll(manager: EntityManager, orders: NewGridOrder[]): Promise<void> {
  if (orders.length === 0) return;
  const repository = manager.getRepository(BotOrder);
  // save() (not insert()) so the id and timestamp subscribers fill in the generated columns.
  await repository.save(
    orders.map((order) =>
      repository.create({
        ...pendingOrderRow({ ...order, runNumber: order.seq }),
        gridLevel: order.level,
        gridRole: order.role,
        parentOrderId: order.parentOrderId,
      }),
    ),
  );
}
