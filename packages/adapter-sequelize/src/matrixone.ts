import { InvalidInputError, type Transaction as MatrixOneTransaction } from '@matrixone/core';
import type { Sequelize, Transaction } from 'sequelize';
import { assertMysqlDialect } from './assert-mysql-dialect.js';
import { bindSequelizeTransaction } from './bind-sequelize-transaction.js';
import type { MatrixOneSequelizeOptions } from './options.js';
import { releaseSockets } from './release-sockets.js';
import { type MatrixOneSequelizeClient, createSequelizeClient } from './sequelize-client.js';
import { isSequelizeTransaction, sequelizeOf } from './sequelize-transaction-state.js';

/** True for a Sequelize instance, checked by shape so another copy of the package is recognised too. */
function isSequelizeInstance(value: unknown): value is Sequelize {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<
    Record<'query' | 'transaction' | 'getDialect' | 'connectionManager', unknown>
  >;
  return (
    typeof candidate.query === 'function' &&
    typeof candidate.transaction === 'function' &&
    typeof candidate.getDialect === 'function' &&
    typeof candidate.connectionManager === 'object'
  );
}

/**
 * Connects the MatrixOne SDK to Sequelize.
 *
 * - Given a `Sequelize` instance: a client running on Sequelize's own pool, with every manager and
 *   `transaction(async ({ t, mo }) => …)`. Closing it leaves Sequelize open.
 * - Given a Sequelize `Transaction` (root or savepoint, managed or unmanaged): the SDK transaction bound to it,
 *   on its connection. Its `afterCommit` hooks run once the outermost transaction committed; statements fail
 *   with a `TransactionError` once the Sequelize transaction ended. Binding again returns the same object.
 *
 * @example
 * const client = matrixone(sequelize);
 * await sequelize.transaction(async (t) => {
 *   await User.create({ name: 'Ada' }, { transaction: t });
 *   const mo = matrixone(t);
 *   await mo.clones.table({ table: 'users_backup' }, { table: 'users' });
 *   mo.afterCommit(() => client.snapshots.create({ name: 'users_v2', level: 'account' }));
 * });
 */
export function matrixone(
  transaction: Transaction,
  options?: MatrixOneSequelizeOptions,
): MatrixOneTransaction;
export function matrixone(
  sequelize: Sequelize,
  options?: MatrixOneSequelizeOptions,
): MatrixOneSequelizeClient;
export function matrixone(
  target: Sequelize | Transaction,
  options: MatrixOneSequelizeOptions = {},
): MatrixOneSequelizeClient | MatrixOneTransaction {
  if (isSequelizeTransaction(target)) {
    releaseSockets(sequelizeOf(target));
    return bindSequelizeTransaction(target, options);
  }
  if (isSequelizeInstance(target)) {
    assertMysqlDialect(target);
    releaseSockets(target);
    return createSequelizeClient(target, options);
  }
  throw new InvalidInputError(
    'sequelizeOrTransaction',
    'matrixone() takes a Sequelize instance or a Sequelize Transaction.',
  );
}
