import { Table, TableForeignKey, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';
import { DECIMAL_PRECISION, DECIMAL_SCALE, portableColumnTypes } from '../schema/portable-column-types';

/**
 * The first schema: every table of the guide plus users and strategy_executions. Written with
 * TypeORM's schema API (not SQL) so the same migration runs on SQLite and PostgreSQL; the few
 * types that differ come from portableColumnTypes. Like every migration, frozen once released:
 * change the schema in a new migration.
 */
export class InitialSchema1795600000000 implements MigrationInterface {
  name = 'InitialSchema1795600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = portableColumnTypes(queryRunner);
    const id = (name = 'id', nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable: nullable });
    const primaryId: TableColumnOptions = { ...id(), isPrimary: true };
    const text = (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
    const decimal = (name: string, nullable = false): TableColumnOptions => ({
      name,
      type: t.decimal,
      precision: DECIMAL_PRECISION,
      scale: DECIMAL_SCALE,
      isNullable: nullable,
    });
    const timestamp = (name: string, nullable = false): TableColumnOptions => ({ name, type: t.timestamp, isNullable: nullable });
    const createdAt = (name = 'created_at'): TableColumnOptions => ({ name, type: t.timestamp, default: t.now });
    const json = (name: string, nullable = false): TableColumnOptions => ({ name, type: t.json, isNullable: nullable });
    const cascadeTo = (column: string, table: string, onDelete = 'CASCADE') =>
      new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete });

    await queryRunner.createTable(
      new Table({
        name: 'users',
        columns: [
          primaryId,
          text('email', 320),
          text('password_hash', 255),
          { ...text('role', 16), default: "'user'" },
          json('risk_limits', true),
          createdAt(),
          createdAt('updated_at'),
        ],
        uniques: [{ name: 'uq_users_email', columnNames: ['email'] }],
        checks: [{ name: 'chk_users_role', expression: `"role" IN ('user', 'admin')` }],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'trading_strategies',
        columns: [
          primaryId,
          id('user_id'),
          text('name', 255),
          text('type', 64),
          { name: 'is_active', type: 'boolean', default: t.bool(true) },
          { name: 'auto_start', type: 'boolean', default: t.bool(false) },
          json('configuration'),
          json('state', true),
          createdAt(),
          createdAt('updated_at'),
        ],
        foreignKeys: [cascadeTo('user_id', 'users')],
        indices: [
          { name: 'idx_trading_strategies_user_id', columnNames: ['user_id'] },
          { name: 'idx_trading_strategies_is_active', columnNames: ['is_active'] },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'alpaca_oauth_tokens',
        columns: [
          primaryId,
          id('user_id'),
          text('environment', 8),
          text('auth_type', 8),
          { name: 'access_token', type: 'text', isNullable: true },
          { name: 'key_id', type: 'text', isNullable: true },
          { name: 'secret_key', type: 'text', isNullable: true },
          text('scope', 255, true),
          text('account_number', 64, true),
          timestamp('expires_at', true),
          createdAt(),
          createdAt('updated_at'),
        ],
        foreignKeys: [cascadeTo('user_id', 'users')],
        uniques: [{ name: 'uq_alpaca_oauth_tokens_user_id', columnNames: ['user_id'] }],
        checks: [
          { name: 'chk_alpaca_oauth_tokens_environment', expression: `"environment" IN ('paper', 'live')` },
          {
            name: 'chk_alpaca_oauth_tokens_credentials',
            expression: `("auth_type" = 'oauth' AND "access_token" IS NOT NULL) OR ("auth_type" = 'key' AND "key_id" IS NOT NULL AND "secret_key" IS NOT NULL)`,
          },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'bot_orders',
        columns: [
          primaryId,
          id('user_id'),
          id('strategy_id'),
          text('client_order_id', 128),
          text('broker_order_id', 64, true),
          text('symbol', 32),
          text('side', 8),
          text('type', 16),
          text('time_in_force', 8),
          decimal('qty', true),
          decimal('notional', true),
          decimal('limit_price', true),
          { ...text('status', 32), default: "'pending'" },
          { name: 'grid_level', type: 'integer', isNullable: true },
          { ...decimal('filled_qty'), default: '0' },
          decimal('filled_avg_price', true),
          { name: 'run_number', type: 'integer', isNullable: true },
          timestamp('submitted_at', true),
          timestamp('filled_at', true),
          createdAt(),
          createdAt('updated_at'),
        ],
        foreignKeys: [cascadeTo('user_id', 'users'), cascadeTo('strategy_id', 'trading_strategies')],
        uniques: [{ name: 'uq_bot_orders_client_order_id', columnNames: ['client_order_id'] }],
        indices: [
          { name: 'idx_bot_orders_strategy_id_created_at', columnNames: ['strategy_id', 'created_at'] },
          { name: 'idx_bot_orders_status', columnNames: ['status'] },
          { name: 'idx_bot_orders_broker_order_id', columnNames: ['broker_order_id'] },
        ],
        checks: [{ name: 'chk_bot_orders_side', expression: `"side" IN ('buy', 'sell')` }],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'trades',
        columns: [
          primaryId,
          id('user_id'),
          id('strategy_id'),
          id('order_id'),
          text('broker_order_id', 64),
          text('symbol', 32),
          text('side', 8),
          decimal('qty'),
          decimal('price'),
          decimal('notional'),
          decimal('realized_pnl', true),
          timestamp('executed_at'),
          createdAt(),
        ],
        foreignKeys: [cascadeTo('user_id', 'users'), cascadeTo('strategy_id', 'trading_strategies'), cascadeTo('order_id', 'bot_orders')],
        indices: [
          { name: 'idx_trades_strategy_id_executed_at', columnNames: ['strategy_id', 'executed_at'] },
          { name: 'idx_trades_order_id', columnNames: ['order_id'] },
        ],
        checks: [{ name: 'chk_trades_side', expression: `"side" IN ('buy', 'sell')` }],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'bot_risk_events',
        columns: [primaryId, id('user_id'), id('strategy_id', true), text('rule', 64), { name: 'reason', type: 'text' }, json('details'), createdAt()],
        foreignKeys: [cascadeTo('user_id', 'users'), cascadeTo('strategy_id', 'trading_strategies')],
        indices: [
          { name: 'idx_bot_risk_events_strategy_id_created_at', columnNames: ['strategy_id', 'created_at'] },
          { name: 'idx_bot_risk_events_user_id_created_at', columnNames: ['user_id', 'created_at'] },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'exit_events',
        columns: [
          primaryId,
          id('user_id'),
          id('strategy_id'),
          text('symbol', 32),
          text('trigger', 16),
          decimal('trigger_price'),
          decimal('entry_price'),
          id('exit_order_id', true),
          json('details'),
          createdAt(),
        ],
        foreignKeys: [
          cascadeTo('user_id', 'users'),
          cascadeTo('strategy_id', 'trading_strategies'),
          cascadeTo('exit_order_id', 'bot_orders', 'SET NULL'),
        ],
        indices: [{ name: 'idx_exit_events_strategy_id_created_at', columnNames: ['strategy_id', 'created_at'] }],
        checks: [{ name: 'chk_exit_events_trigger', expression: `"trigger" IN ('take_profit', 'stop_loss', 'trailing_stop')` }],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'strategy_executions',
        columns: [
          primaryId,
          id('user_id'),
          id('strategy_id'),
          { name: 'run_number', type: 'integer' },
          text('trigger', 16),
          { ...text('status', 16), default: "'running'" },
          text('action', 8, true),
          { name: 'reason', type: 'text', isNullable: true },
          id('order_id', true),
          { name: 'error', type: 'text', isNullable: true },
          { name: 'attempts', type: 'integer', default: '1' },
          json('result', true),
          createdAt('started_at'),
          timestamp('finished_at', true),
        ],
        foreignKeys: [
          cascadeTo('user_id', 'users'),
          cascadeTo('strategy_id', 'trading_strategies'),
          cascadeTo('order_id', 'bot_orders', 'SET NULL'),
        ],
        uniques: [{ name: 'uq_strategy_executions_strategy_id_run_number', columnNames: ['strategy_id', 'run_number'] }],
        indices: [{ name: 'idx_strategy_executions_strategy_id_started_at', columnNames: ['strategy_id', 'started_at'] }],
        checks: [
          { name: 'chk_strategy_executions_trigger', expression: `"trigger" IN ('scheduled', 'manual', 'initial')` },
          { name: 'chk_strategy_executions_status', expression: `"status" IN ('running', 'succeeded', 'failed')` },
          { name: 'chk_strategy_executions_action', expression: `"action" IS NULL OR "action" IN ('buy', 'sell', 'hold', 'error')` },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'strategy_executions',
      'exit_events',
      'bot_risk_events',
      'trades',
      'bot_orders',
      'alpaca_oauth_tokens',
      'trading_strategies',
      'users',
    ]) {
      await queryRunner.dropTable(table);
    }
  }
}
