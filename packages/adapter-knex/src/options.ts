import type { MatrixOneClient, QueryEvent, Transaction, TransactionOptions } from '@matrixone/core';
import type { AdapterOptions } from '@matrixone/core/adapter';
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
 * `MatrixOneClient`, with `transaction()` handing out the Knex transaction and the SDK one side by side.
 */
export interface MatrixOneKnexClient extends Omit<MatrixOneClient, 'transaction' | 'on' | 'off'> {
  /** The Knex instance this client runs on. */
  readonly knex: Knex;
  /**
   * Runs `fn` in a Knex-managed transaction (`knex.transaction`): COMMIT when it resolves, ROLLBACK when it
   * throws (the error is re-thrown unchanged). `mo` runs on the same connection; its `afterCommit` hooks run
   * after the COMMIT, and a failing hook rejects this call with a `HookError` (the commit stands).
   *
   * @example
   * await client.transaction(async ({ trx, mo }) => {
   *   await trx('orders').insert(rows);
   *   mo.afterCommit(() => client.snapshots.create({ name: 'after_import', level: 'account' }));
   * });
   */
  transaction<T>(
    fn: (context: KnexTransactionContext) => Promise<T>,
    options?: TransactionOptions,
  ): Promise<T>;
  /**
   * Listens to every statement the SDK runs through this client and its transactions.
   *
   * @example
   * client.on('query', (e) => console.log(`${e.durationMs.toFixed(1)} ms ${e.sql}`));
   */
  on(event: 'query', listener: (e: QueryEvent) => void): this;
  /** Removes a listener added with {@link MatrixOneKnexClient.on}. */
  off(event: 'query', listener: (e: QueryEvent) => void): this;
}
