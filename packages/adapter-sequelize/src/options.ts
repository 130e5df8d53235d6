import type { MatrixOneClient, Transaction as MatrixOneTransaction, QueryEvent } from '@matrixone/core';
import type { AdapterOptions } from '@matrixone/core/adapter';
import type { Sequelize, Transaction, TransactionOptions } from 'sequelize';

/**
 * Options of {@link matrixone}: the kit's options, the same in every adapter (`serverFlavor`, `logger`,
 * `queryTimeoutMs`, `onHookError`).
 */
export type MatrixOneSequelizeOptions = AdapterOptions;

/** What the callback of {@link MatrixOneSequelizeClient.transaction} receives. */
export interface SequelizeTransactionContext {
  /** The Sequelize transaction: pass it as `{ transaction: t }` to model calls and `sequelize.query`. */
  readonly t: Transaction;
  /** The SDK transaction on the same connection: raw SQL, managers and after-commit hooks. */
  readonly mo: MatrixOneTransaction;
}

/**
 * The SDK client over a Sequelize instance: every statement runs on Sequelize's own pool. Everything of the core
 * `MatrixOneClient`, with `transaction()` handing out the Sequelize transaction and the SDK one side by side.
 */
export interface MatrixOneSequelizeClient extends Omit<MatrixOneClient, 'transaction' | 'on' | 'off'> {
  /** The Sequelize instance this client runs on. */
  readonly sequelize: Sequelize;
  /**
   * Runs `fn` in a Sequelize managed transaction (`sequelize.transaction(options, …)`, CLS set when Sequelize
   * uses CLS): COMMIT when it resolves, ROLLBACK when it throws (the error is re-thrown, a failed ROLLBACK attached
   * as `rollbackError`, failing `afterRollback` hooks as `hookError`). `options` are Sequelize's (`isolationLevel`,
   * or `transaction` to nest as a savepoint). `mo` runs on the same connection; its `afterCommit` hooks run after
   * the COMMIT, and a failing one rejects this call with a `HookError` (the commit stands).
   *
   * @example
   * await client.transaction(async ({ t, mo }) => {
   *   await Order.create({ id: 1, total: 42 }, { transaction: t });
   *   mo.afterCommit(() => client.snapshots.create({ name: 'after_order_1', level: 'account' }));
   * });
   */
  transaction<T>(
    fn: (context: SequelizeTransactionContext) => Promise<T>,
    options?: TransactionOptions,
  ): Promise<T>;
  /**
   * Listens to every statement the SDK runs through this client and the transactions bound on the same
   * Sequelize instance (SQL with placeholders, never the values). Sequelize's own model statements are not
   * reported here; use Sequelize's `logging`.
   *
   * @example
   * client.on('query', (e) => console.log(`${e.durationMs.toFixed(1)} ms ${e.sql}`));
   */
  on(event: 'query', listener: (e: QueryEvent) => void): this;
  /** Removes a listener added with {@link MatrixOneSequelizeClient.on}. */
  off(event: 'query', listener: (e: QueryEvent) => void): this;
}
