import type { Transaction, TransactionOptions } from '@matrixone/core';
import { OrmDriver, defineOrmAdapter } from '@matrixone/core/adapter';
import type { Knex } from 'knex';
import { knexBinding } from './binding.js';
import type { KnexTransactionContext, MatrixOneKnexClient, MatrixOneKnexOptions } from './options.js';

const knexAdapter = defineOrmAdapter(knexBinding, {
  ormProperty: 'knex',
  context: (trx, mo): KnexTransactionContext => ({ trx, mo }),
});

/**
 * Binds the MatrixOne SDK to a Knex transaction: the returned SDK transaction runs raw SQL and every manager on
 * the Knex transaction's connection, inside it. MatrixOne's in-transaction rules apply (refused operations throw
 * `TransactionRuleError` before any SQL). `afterCommit` hooks run only after Knex commits; `afterRollback`
 * hooks after it rolls back. Statements after the transaction ended throw `TransactionError`, and so does
 * binding a transaction that has already ended. Binding the same transaction again returns the same object.
 *
 * @example
 * await knex.transaction(async (trx) => {
 *   await trx('orders').insert(rows);
 *   const mo = matrixone(trx);
 *   await mo.clones.table({ table: 'orders_backup' }, { table: 'orders' });
 * });
 */
export function matrixone(trx: Knex.Transaction, options?: MatrixOneKnexOptions): Transaction;
/**
 * Wraps a Knex instance in the MatrixOne SDK client. Every statement runs on Knex's own pool (there is no
 * second pool); `client.close()` leaves the Knex instance open.
 *
 * @example
 * const client = matrixone(knex);
 * await client.transaction(async ({ trx, mo }) => {
 *   await trx('orders').insert(rows);
 *   mo.afterCommit(() => client.snapshots.create({ name: 'after_import', level: 'account' }));
 * });
 */
export function matrixone(knex: Knex, options?: MatrixOneKnexOptions): MatrixOneKnexClient;
export function matrixone(
  knexOrTrx: Knex | Knex.Transaction,
  options?: MatrixOneKnexOptions,
): MatrixOneKnexClient | Transaction {
  return knexAdapter.matrixone(knexOrTrx, options) as MatrixOneKnexClient | Transaction;
}

/**
 * The core's `SqlDriver` over a Knex instance's own pool, for `createClientFromDriver`: statements go through
 * `knex.raw`, transactions through `knex.transaction()`, streams through Knex's query streams. There is no
 * second pool; closing the driver leaves the Knex instance (and its pool) to its owner.
 *
 * @example
 * const client = createClientFromDriver(new KnexDriver(knex));
 */
export class KnexDriver extends OrmDriver<Knex, Knex.Transaction, TransactionOptions> {
  /** `queryTimeoutMs` limits every statement run (no limit when `undefined`); row streams have no limit. */
  constructor(knex: Knex, queryTimeoutMs?: number) {
    super(knexBinding, knex, queryTimeoutMs);
  }
}
