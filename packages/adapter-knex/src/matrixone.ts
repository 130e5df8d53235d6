import { InvalidInputError, type Transaction } from '@matrixone/core';
import type { Knex } from 'knex';
import { bindApplicationTransaction } from './bind-knex-transaction.js';
import { createKnexClient } from './knex-client.js';
import { releaseSockets } from './release-sockets.js';
import type { MatrixOneKnexClient, MatrixOneKnexOptions } from './types.js';

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
  if (isKnex(knexOrTrx)) releaseSockets(knexOrTrx);
  if (isKnexTransaction(knexOrTrx)) return bindApplicationTransaction(knexOrTrx, options);
  if (isKnex(knexOrTrx)) return createKnexClient(knexOrTrx, options);
  throw new InvalidInputError(
    'knexOrTrx',
    'matrixone() expects a Knex instance (knex({ client: "mysql2", … })) or a Knex transaction.',
  );
}

/** True for a Knex transaction (`trx` inside `knex.transaction()`, nested ones included). */
export function isKnexTransaction(value: unknown): value is Knex.Transaction {
  return isKnex(value) && (value as { isTransaction?: unknown }).isTransaction === true;
}

function isKnex(value: unknown): value is Knex {
  return (
    typeof value === 'function' &&
    typeof (value as { raw?: unknown }).raw === 'function' &&
    typeof (value as { transaction?: unknown }).transaction === 'function'
  );
}
