import type { Transaction as MatrixOneTransaction } from '@matrixone/core';
import type { AdapterOptions, OrmClient } from '@matrixone/core/adapter';
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
 * `MatrixOneClient`; `transaction(fn, options)` runs a Sequelize managed transaction (`options` are Sequelize's:
 * `isolationLevel`, or `transaction` to nest as a savepoint; CLS set when Sequelize uses CLS) and hands `fn` the
 * Sequelize transaction and the SDK one side by side. `on('query')` reports the SDK's statements, not Sequelize's
 * own model statements (use Sequelize's `logging`).
 *
 * @example
 * await client.transaction(async ({ t, mo }) => {
 *   await Order.create({ id: 1, total: 42 }, { transaction: t });
 *   mo.afterCommit(() => client.snapshots.create({ name: 'after_order_1', level: 'account' }));
 * });
 */
export interface MatrixOneSequelizeClient extends OrmClient<SequelizeTransactionContext, TransactionOptions> {
  /** The Sequelize instance this client runs on. */
  readonly sequelize: Sequelize;
}
