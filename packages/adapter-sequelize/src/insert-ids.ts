import { type ServerFlavor, correctInsertIds } from '@matrixone/core';
import type { Sequelize } from 'sequelize';

/** The part of Sequelize's connection manager patched here: the checkout every query and transaction uses. */
interface CheckoutManager {
  getConnection: (...args: unknown[]) => Promise<unknown>;
}

const patched = new WeakSet<object>();

/**
 * Gives Sequelize the first id of each INSERT on MatrixOne, as MySQL does, so `Model.bulkCreate` numbers its
 * instances from the right id (MatrixOne reports the last id of a multi-row INSERT, observed on MatrixOne 4.2.0).
 * Wraps this instance's `connectionManager.getConnection` (the instance's own property, not Sequelize's
 * prototype) so each mysql2 connection goes through `correctInsertIds` before Sequelize uses it: connections
 * opened before and after the call alike. On other servers nothing changes.
 *
 * Sequelize numbers a bulk insert's rows `first, first + 1, …`, so on MatrixOne a multi-row INSERT whose first id
 * cannot be known (`updateOnDuplicate`, `ignoreDuplicates`) or with `@@auto_increment_increment` other than 1
 * fails with `UnsupportedServerError` (after the statement ran) rather than give instances wrong ids.
 * Idempotent.
 */
export function correctSequelizeInsertIds(
  sequelize: Sequelize,
  serverFlavor: ServerFlavor | undefined,
): void {
  const manager = sequelize.connectionManager as unknown as CheckoutManager;
  if (patched.has(manager)) return;
  patched.add(manager);
  const getConnection = manager.getConnection;
  manager.getConnection = async function (this: unknown, ...args: unknown[]) {
    const connection = await getConnection.apply(this, args);
    correctInsertIds(connection, { serverFlavor, rowIds: 'consecutive' });
    return connection;
  };
}
