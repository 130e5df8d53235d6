import type {
  MatrixOneClient,
  QueryLogger,
  ServerFlavor,
  Transaction,
  TransactionOptions,
} from '@matrixone/core';
import type { HookError, QueryEvent } from '@matrixone/core';
import type { Knex } from 'knex';

/** Options of {@link matrixone}. */
export interface MatrixOneKnexOptions {
  /** Forces the server flavor instead of reading `SELECT version()` (for proxies that hide the version). */
  readonly serverFlavor?: ServerFlavor;
  /** Called with every query event the SDK reports (SQL with placeholders, never the bound values). */
  readonly logger?: QueryLogger;
  /**
   * Timeout for each statement the SDK sends through Knex (client and bound transactions), in milliseconds;
   * the connection is closed (not reused, its transaction rolled back by the server) when it fires, and the
   * statement fails with `TimeoutError`. Default none. Row streams (`client.stream`) have no limit.
   */
  readonly queryTimeoutMs?: number;
  /**
   * Receives a `HookError` when `afterCommit`/`afterRollback` hooks fail on a transaction bound with
   * `matrixone(trx)`: Knex has already resolved `knex.transaction()` by then, so the failure cannot reject it.
   * Defaults to a process warning (`MatrixOneHookWarning`). Hooks of `client.transaction()` reject that call
   * instead.
   */
  readonly onHookError?: (error: HookError) => void;
}

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
