import type { MatrixOneClient, Transaction as MatrixOneTransaction, QueryEvent } from '@matrixone/core';
import {
  AdapterClient,
  QueryEvents,
  attachFailure,
  sharedQueryEvents,
  validQueryTimeout,
} from '@matrixone/core/adapter';
import type { Sequelize, Transaction, TransactionOptions } from 'sequelize';
import { bindSequelizeTransaction } from './bind-sequelize-transaction.js';
import { correctSequelizeInsertIds } from './insert-ids.js';
import type { MatrixOneSequelizeOptions } from './options.js';
import { SequelizeDriver } from './sequelize-driver.js';
import { rollbackFailureOf } from './transaction-end-signals.js';

/** What `client.transaction(fn)` hands `fn`. */
export interface SequelizeTransactionContext {
  /** The Sequelize transaction: pass it as `{ transaction: t }` to model calls and `sequelize.query`. */
  readonly t: Transaction;
  /** The SDK's transaction on the same connection: raw SQL, managers and after-commit hooks. */
  readonly mo: MatrixOneTransaction;
}

/**
 * The SDK client over a Sequelize instance: every core client operation (raw SQL, streaming, managers,
 * query events) on Sequelize's own pool, and transactions that Sequelize runs.
 */
export interface MatrixOneSequelizeClient
  extends Pick<
    MatrixOneClient,
    | 'execute'
    | 'query'
    | 'stream'
    | 'bulkInsert'
    | 'serverInfo'
    | 'close'
    | 'snapshots'
    | 'clones'
    | 'restores'
    | 'pitr'
    | 'publications'
    | 'accounts'
    | 'branches'
    | 'timeTravel'
  > {
  /**
   * Runs `fn` in a Sequelize managed transaction (COMMIT when it resolves, ROLLBACK when it throws, with CLS
   * set when Sequelize uses CLS), with `mo` bound to it. `options` are Sequelize's transaction options
   * (`isolationLevel`, or `transaction` to run as a savepoint of an outer one). `afterCommit` hooks of `mo`
   * run after the COMMIT succeeded; if the callback threw, the error is re-thrown with a failed ROLLBACK or
   * failing `afterRollback` hooks attached (read them with `rollbackErrorOf` / `hookErrorOf`).
   *
   * @example
   * await client.transaction(async ({ t, mo }) => {
   *   await Order.create({ id: 1, total: 42 }, { transaction: t });
   *   await mo.execute('UPDATE stock SET reserved = reserved + 1 WHERE sku = ?', ['A-1']);
   *   mo.afterCommit(() => client.snapshots.create({ name: 'after_order_1', level: 'account' }));
   * });
   */
  transaction<T>(
    fn: (context: SequelizeTransactionContext) => Promise<T>,
    options?: TransactionOptions,
  ): Promise<T>;
  /**
   * Listens to every statement the client, its transactions and the transactions bound with `matrixone(t)` on
   * the same Sequelize instance run (SQL with placeholders, never the bound values). Sequelize's own model
   * statements are not reported here; use Sequelize's `logging`.
   *
   * @example
   * client.on('query', (e) => console.log(`${e.durationMs.toFixed(1)} ms ${e.sql}`));
   */
  on(event: 'query', listener: (event: QueryEvent) => void): this;
  /** Removes a listener added with {@link MatrixOneSequelizeClient.on}. */
  off(event: 'query', listener: (event: QueryEvent) => void): this;
}

function withRollbackFailure(error: unknown, transaction: Transaction | undefined): unknown {
  const failure = transaction && rollbackFailureOf(transaction);
  return failure ? attachFailure(error, failure.key, failure.error) : error;
}

/** The core's adapter client on Sequelize's pool, with `transaction()` running a Sequelize transaction. */
class SequelizeClient extends AdapterClient implements MatrixOneSequelizeClient {
  readonly #sequelize: Sequelize;
  readonly #bindOptions: MatrixOneSequelizeOptions;

  constructor(sequelize: Sequelize, options: MatrixOneSequelizeOptions) {
    const events = options.logger
      ? new QueryEvents(options.logger, options.events)
      : (options.events ?? new QueryEvents());
    const queryTimeoutMs = validQueryTimeout(options.queryTimeoutMs);
    super(new SequelizeDriver(sequelize, queryTimeoutMs), {
      events,
      forwardFrom: sharedQueryEvents(sequelize),
      serverInfoSharedBy: sequelize,
      ...(options.serverFlavor !== undefined && { serverFlavor: options.serverFlavor }),
    });
    this.#sequelize = sequelize;
    this.#bindOptions = {
      events,
      ...(options.serverFlavor !== undefined && { serverFlavor: options.serverFlavor }),
      ...(queryTimeoutMs !== undefined && { queryTimeoutMs }),
    };
  }

  async transaction<T>(
    fn: (context: SequelizeTransactionContext) => Promise<T>,
    options: TransactionOptions = {},
  ): Promise<T> {
    this.assertOpen();
    let started: Transaction | undefined;
    try {
      return await this.#sequelize.transaction(options, (t) => {
        started = t;
        return fn({ t, mo: bindSequelizeTransaction(t, this.#bindOptions) });
      });
    } catch (error) {
      throw withRollbackFailure(error, started);
    }
  }
}

/** Builds the SDK client over a Sequelize instance (its pool, its transactions). */
export function createSequelizeClient(
  sequelize: Sequelize,
  options: MatrixOneSequelizeOptions = {},
): MatrixOneSequelizeClient {
  correctSequelizeInsertIds(sequelize, options.serverFlavor);
  return new SequelizeClient(sequelize, options);
}
