import { ConfigurationError, type Transaction } from '@matrixone/core';
import { defineOrmAdapter } from '@matrixone/core/adapter';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import { drizzleBinding } from './binding.js';
import type { DrizzleTransaction, MatrixOneDrizzleClient, MatrixOneDrizzleOptions } from './options.js';
import { releaseFailedStarts } from './transaction-checkout.js';
import { type AnyDrizzleDb, type AnyDrizzleTx, follow, parentOf } from './transaction-life.js';

const drizzleAdapter = defineOrmAdapter(drizzleBinding, {
  ormProperty: 'db',
  context: (tx, mo) => ({ tx: tx as DrizzleTransaction, mo }),
  assertUsable(target) {
    // A savepoint's transaction does not lead back to its outer one: only following it from its start tells.
    const nested = (target as { nestedIndex?: number }).nestedIndex ?? 0;
    if (nested > 0 && parentOf(target as AnyDrizzleTx) === undefined) {
      throw new ConfigurationError(
        'target',
        'this nested Drizzle transaction began before the SDK knew its outer transaction. Call matrixone(db) ' +
          'once at start-up, or matrixone(tx) on the outer transaction before tx.transaction().',
      );
    }
  },
});

/**
 * Binds the MatrixOne SDK to a Drizzle transaction (nested ones included): raw SQL and every manager run on its
 * connection, inside it, under MatrixOne's in-transaction rules. `afterCommit` hooks run once Drizzle committed,
 * `afterRollback` hooks once it rolled back. Using it after the transaction ended, or binding an ended one (known
 * once `matrixone(db)` was called), throws `TransactionError`. Binding it again returns the same object.
 *
 * @example
 * await db.transaction(async (tx) => {
 *   await tx.insert(orders).values(rows);
 *   await matrixone(tx).clones.table({ table: 'orders_backup' }, { table: 'orders' });
 * });
 */
export function matrixone<TSchema extends Record<string, unknown>>(
  tx: DrizzleTransaction<TSchema>,
  options?: MatrixOneDrizzleOptions,
): Transaction;
/**
 * Wraps a Drizzle db (mysql2 driver, on a pool or one connection) in the SDK client, on Drizzle's own pool;
 * `client.close()` leaves the db open. From this call on the SDK follows the db's transactions (Drizzle records
 * neither their end nor their nesting).
 *
 * @example
 * const client = matrixone(drizzle(pool));
 * await client.transaction(async ({ tx, mo }) => {
 *   await tx.insert(orders).values(rows);
 *   mo.afterCommit(() => client.snapshots.create({ name: 'after_import', level: 'account' }));
 * });
 */
export function matrixone<TSchema extends Record<string, unknown>>(
  db: MySql2Database<TSchema>,
  options?: MatrixOneDrizzleOptions,
): MatrixOneDrizzleClient<TSchema>;
export function matrixone(
  target: AnyDrizzleDb | AnyDrizzleTx,
  options?: MatrixOneDrizzleOptions,
): MatrixOneDrizzleClient | Transaction {
  if (drizzleBinding.isOrm(target)) {
    follow(target);
    releaseFailedStarts(target);
  }
  return drizzleAdapter.matrixone(target, options) as MatrixOneDrizzleClient | Transaction;
}
