import { TableColumn, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';
import { DECIMAL_PRECISION, DECIMAL_SCALE, portableColumnTypes } from '../schema/portable-column-types';

/**
 * Grid strategies and the order-fill monitor: a grid order remembers the order whose fill it
 * answers (parent_order_id), whether it opens or closes a round trip (grid_role), and how much of
 * its own fill has been answered (countered_qty); a trade row is keyed by its execution so a fill
 * seen twice (stream and poll) is written once.
 */
export class GridFills1796000000000 implements MigrationInterface {
  name = 'GridFills1796000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = portableColumnTypes(queryRunner);
    await queryRunner.addColumns('bot_orders', [
      new TableColumn({ name: 'parent_order_id', type: 'varchar', length: '36', isNullable: true }),
      new TableColumn({ name: 'grid_role', type: 'varchar', length: '8', isNullable: true }),
      new TableColumn({ name: 'countered_qty', type: t.decimal, precision: DECIMAL_PRECISION, scale: DECIMAL_SCALE, default: 0 }),
    ]);
    await queryRunner.addColumn('trades', new TableColumn({ name: 'execution_key', type: 'varchar', length: '160', isNullable: true }));
    await queryRunner.createUniqueConstraint('trades', new TableUnique({ name: 'uq_trades_execution_key', columnNames: ['execution_key'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropUniqueConstraint('trades', 'uq_trades_execution_key');
    await queryRunner.dropColumn('trades', 'execution_key');
    await queryRunner.dropColumns('bot_orders', ['parent_order_id', 'grid_role', 'countered_qty']);
  }
}
