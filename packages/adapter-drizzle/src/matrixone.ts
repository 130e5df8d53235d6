import { ConfigurationError, type Transaction, type TransactionOptions } from '@matrixone/core';
import { OrmDriver, defineOrmAdapter } from '@matrixone/core/adapter';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import { drizzleBinding } from './binding.js';
import type {
  DrizzleTransaction,
  DrizzleTransactionContext,
  MatrixOneDrizzleClient,
  MatrixOneDrizzleOptions,
} from './options.js';
import {
  type AnyDrizzleDb,
  type AnyDrizzleTx,
  followTransactions,
  isOrphanNested,
} from './transaction-life.js';

const drizzleAdapter = defineOrmAdapter(drizzleBinding, {
  ormProperty: 'db',
  context: (tx, mo): DrizzleTransactionContext => ({ tx: tx as DrizzleTransaction, mo }),
  assertUsable(target) {
    // Drizzle's savepoint transaction does not lead back to its outer one: only a followed start tells it.
    if (drizzleBinding.isTransaction(target) && isOrphanNested(target)) {
      throw new ConfigurationError(
        'target',
        'this nested Drizzle transaction began before the SDK knew its outer transaction. Call matrixone(db) ' +
          'once at start-up (or matrixone(tx) on the outer transaction before tx.transaction()).',
      );
    }
  },
});

/**
 * Binds the MatrixOne SDK to a Drizzle transaction (`db.transaction(async (tx) => …)`, nested ones included): the
 * returned SDK transaction runs raw SQL and every manager on the transaction's connection, inside it. MatrixOne's
 * in-transaction rules apply (refused operations throw `TransactionRuleError` before any SQL). `afterCommit`
 * hooks run only after Drizzle commits; `afterRollback` hooks after it rolls back. Statements after the
 * transaction ended throw `TransactionError`, and so does binding one that has already ended (known once
 * `matrixone(db)` was called, or while it was bound). Binding the same transaction again returns the same object.
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
 * Wraps a Drizzle db (mysql2 driver, on a pool or one connection) in the MatrixOne SDK client. Every statement
 * runs on Drizzle's own pool (there is no second pool); `client.close()` leaves the db and its pool open. From
 * this call on, the SDK follows the db's transactions (Drizzle records neither their end nor their nesting).
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
  if (drizzleBinding.isOrm(target)) followTransactions(target);
  return drizzleAdapter.matrixone(target, options) as MatrixOneDrizzleClient | Transaction;
}

/**
 * The core's `SqlDriver` over a Drizzle db's own pool, for `createClientFromDriver`: statements go to the db's
 * mysql2 client, transactions through `db.transaction()`. Closing the driver leaves the db to its owner.
 *
 * @example
 * const client = createClientFromDriver(new DrizzleDriver(db));
 */
export class DrizzleDriver extends OrmDriver<AnyDrizzleDb, AnyDrizzleTx, TransactionOptions> {
  /** `queryTimeoutMs` limits every statement run (no limit when `undefined`); row streams have no limit. */
  constructor(db: MySql2Database<Record<string, unknown>>, queryTimeoutMs?: number) {
    super(drizzleBinding, db, queryTimeoutMs);
  }
}
