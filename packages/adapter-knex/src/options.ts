import type { Transaction, TransactionOptions } from '@matrixone/core';
import type { AdapterOptions, OrmClient } from '@matrixone/core/adapter';
import type { Knex } from 'knex';

/**
 * Options of {@link matrixone}: the kit's options, the same in every adapter (`serverFlavor`, `logger`,
 * `queryTimeoutMs`, `onHookError`).
 */
export type MatrixOneKnexOptions = AdapterOptions;

/** What the callback of {@link MatrixOneKnexClient.transaction} receives. */
export interface KnexTransactionContext {
  /** The Knex transaction: use it for query-builder and schema work. */
  readonly trx: Knex.Transaction;
  /** The SDK transaction on the same connection: raw SQL, managers and after-commit hooks. */
  readonly mo: Transaction;
}

/**
 * The SDK client over a Knex instance: every statement runs on Knex's own pool. Everything of the core
 * `MatrixOneClient`, with `transaction()` running a Knex-managed transaction (`knex.transaction`) and handing out
 * the Knex transaction and the SDK one side by side.
 *
 * @example
 * await client.transaction(async ({ trx, mo }) => {
 *   await trx('orders').insert(rows);
 *   mo.afterCommit(() => client.snapshots.create({ name: 'after_import', level: 'account' }));
 * });
 */
export interface MatrixOneKnexClient extends OrmClient<KnexTransactionContext, TransactionOptions> {
  /** The Knex instance this client runs on. */
  readonly knex: Knex;
}
