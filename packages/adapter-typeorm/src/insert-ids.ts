import { type ServerFlavor, correctInsertIds } from '@matrixone/core';
import type { DataSource } from 'typeorm';

/** The part of TypeORM's mysql driver patched here: the checkouts every query runner uses. */
interface CheckoutDriver {
  obtainMasterConnection?: (...args: unknown[]) => Promise<unknown>;
  obtainSlaveConnection?: (...args: unknown[]) => Promise<unknown>;
}

const patched = new WeakSet<object>();

/**
 * Gives TypeORM the first id of each INSERT on MatrixOne, as MySQL does, so `repository.insert([...])` and
 * `save([...])` assign the right generated ids (MatrixOne reports the last id of a multi-row INSERT, observed on
 * MatrixOne 4.2.0). Wraps this DataSource's `driver.obtainMasterConnection` and `obtainSlaveConnection` (the
 * driver instance's own properties, not TypeORM's prototype) so each mysql2 connection goes through
 * `correctInsertIds` before a query runner uses it: connections opened before and after the call alike. On
 * other servers nothing changes.
 *
 * TypeORM numbers a multi-row insert's entities `first, first + 1, …`, so on MatrixOne a multi-row INSERT whose
 * first id cannot be known (`orUpdate`, `orIgnore`) or with `@@auto_increment_increment` other than 1 fails with
 * `UnsupportedServerError` (after the statement ran) rather than give entities wrong ids. Idempotent.
 */
export function correctTypeOrmInsertIds(
  dataSource: DataSource,
  serverFlavor: ServerFlavor | undefined,
): void {
  const driver = dataSource.driver as unknown as CheckoutDriver;
  if (patched.has(driver)) return;
  patched.add(driver);
  for (const method of ['obtainMasterConnection', 'obtainSlaveConnection'] as const) {
    const obtain = driver[method];
    if (typeof obtain !== 'function') continue;
    driver[method] = async function (this: unknown, ...args: unknown[]) {
      const connection = await obtain.apply(this, args);
      correctInsertIds(connection, { serverFlavor, rowIds: 'consecutive' });
      return connection;
    };
  }
}
