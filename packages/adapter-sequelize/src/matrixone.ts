import { ConfigurationError, type Transaction as MatrixOneTransaction } from '@matrixone/core';
import { carryCallbackErrors, defineOrmAdapter } from '@matrixone/core/adapter';
import type { Sequelize, Transaction } from 'sequelize';
import { sequelizeBinding } from './binding.js';
import type {
  MatrixOneSequelizeClient,
  MatrixOneSequelizeOptions,
  SequelizeTransactionContext,
} from './options.js';
import { withSchemaTools } from './schema-tools.js';

const sequelizeAdapter = defineOrmAdapter(sequelizeBinding, {
  ormProperty: 'sequelize',
  context: (t, mo): SequelizeTransactionContext => ({ t, mo }),
  // The SDK runs its statements on mysql2 connections, and MatrixOne speaks the MySQL protocol.
  assertUsable(target) {
    const dialect = (sequelizeBinding.identity(target) as Sequelize).getDialect();
    if (dialect === 'mysql') return;
    const hint = 'MatrixOne speaks the MySQL protocol: use `dialect: "mysql"` (with the mysql2 driver).';
    throw new ConfigurationError('dialect', `the Sequelize instance uses the "${dialect}" dialect; ${hint}`);
  },
});

/**
 * Binds the MatrixOne SDK to a Sequelize transaction (root or savepoint, managed or unmanaged, CLS or not): raw SQL
 * and every manager run on its connection, inside it, under MatrixOne's in-transaction rules. `afterCommit` hooks
 * run once the outermost COMMIT succeeded, `afterRollback` hooks once it or the bound savepoint rolled back.
 * Binding an ended transaction, or a statement after it ended, throws `TransactionError`; binding the same
 * transaction again returns the same object.
 *
 * @example
 * await sequelize.transaction(async (t) => {
 *   await User.create({ name: 'Ada' }, { transaction: t });
 *   const mo = matrixone(t);
 *   await mo.clones.table({ table: 'users_backup' }, { table: 'users' });
 * });
 */
export function matrixone(t: Transaction, options?: MatrixOneSequelizeOptions): MatrixOneTransaction;
/**
 * Wraps a Sequelize instance (`dialect: 'mysql'`) in the MatrixOne SDK client, on Sequelize's own pool (no second
 * pool); `client.close()` leaves Sequelize open. On MatrixOne, `sync({ alter: true })` alters only what changed.
 *
 * @example
 * const client = matrixone(sequelize);
 * await client.transaction(async ({ t, mo }) => {
 *   await Order.bulkCreate(orders, { transaction: t });
 *   mo.afterCommit(() => client.snapshots.create({ name: 'after_import', level: 'account' }));
 * });
 */
export function matrixone(
  sequelize: Sequelize,
  options?: MatrixOneSequelizeOptions,
): MatrixOneSequelizeClient;
export function matrixone(
  target: Sequelize | Transaction,
  options?: MatrixOneSequelizeOptions,
): MatrixOneSequelizeClient | MatrixOneTransaction {
  const bound = withSchemaTools(sequelizeAdapter.matrixone(target, options), options);
  // A nested transaction's error reaches no rollback path of Sequelize: carried from its callback instead.
  if ('getQueryInterface' in target) {
    target.transaction = carryCallbackErrors(
      target.transaction,
      (t) => (t as { connection?: unknown })?.connection,
    );
  }
  return bound;
}
