import {
  type BulkInsertOptions,
  type BulkInsertResult,
  type BulkRows,
  ConnectionError,
  type ExecuteResult,
  type MatrixOneClient,
  type Transaction as MatrixOneTransaction,
  type QueryEvent,
  QueryEvents,
  type QueryListener,
  type Row,
  type ServerInfo,
  type TableRef,
  attachFailure,
  createClientFromDriver,
} from '@matrixone/core';
import type { Sequelize, Transaction, TransactionOptions } from 'sequelize';
import { bindSequelizeTransaction } from './bind-sequelize-transaction.js';
import type { MatrixOneSequelizeOptions } from './options.js';
import { SequelizeDriver } from './sequelize-driver.js';
import { sequelizeEvents } from './sequelize-events.js';
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

class SequelizeClient implements MatrixOneSequelizeClient {
  readonly #sequelize: Sequelize;
  readonly #client: MatrixOneClient;
  readonly #bindOptions: MatrixOneSequelizeOptions;
  readonly #forwardBoundEvents: QueryListener;
  #closed = false;

  constructor(sequelize: Sequelize, options: MatrixOneSequelizeOptions) {
    const events = options.logger
      ? new QueryEvents(options.logger, options.events)
      : (options.events ?? new QueryEvents());
    this.#sequelize = sequelize;
    this.#client = createClientFromDriver(new SequelizeDriver(sequelize), {
      events,
      serverInfoSharedBy: sequelize,
      ...(options.serverFlavor !== undefined && { serverFlavor: options.serverFlavor }),
    });
    this.#bindOptions = {
      events,
      ...(options.serverFlavor !== undefined && { serverFlavor: options.serverFlavor }),
    };
    this.#forwardBoundEvents = (event) => events.emit(event);
    sequelizeEvents(sequelize).on(this.#forwardBoundEvents);
  }

  get snapshots() {
    return this.#client.snapshots;
  }
  get clones() {
    return this.#client.clones;
  }
  get restores() {
    return this.#client.restores;
  }
  get pitr() {
    return this.#client.pitr;
  }
  get publications() {
    return this.#client.publications;
  }
  get accounts() {
    return this.#client.accounts;
  }
  get branches() {
    return this.#client.branches;
  }
  get timeTravel() {
    return this.#client.timeTravel;
  }

  execute(sql: string, values?: readonly unknown[]): Promise<ExecuteResult> {
    return this.#client.execute(sql, values);
  }

  query<R = Row>(sql: string, values?: readonly unknown[]): Promise<R[]> {
    return this.#client.query<R>(sql, values);
  }

  stream<R = Row>(sql: string, values?: readonly unknown[]): AsyncIterable<R> {
    return this.#client.stream<R>(sql, values);
  }

  serverInfo(): Promise<ServerInfo> {
    return this.#client.serverInfo();
  }

  /** Runs the core client's bulk insert on Sequelize's pool, every batch in one (unmanaged) transaction. */
  bulkInsert(
    table: string | TableRef,
    rows: BulkRows,
    options?: BulkInsertOptions,
  ): Promise<BulkInsertResult> {
    return this.#client.bulkInsert(table, rows, options);
  }

  async transaction<T>(
    fn: (context: SequelizeTransactionContext) => Promise<T>,
    options: TransactionOptions = {},
  ): Promise<T> {
    if (this.#closed) {
      throw new ConnectionError('The client is closed: create a new client to run more statements.');
    }
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

  on(event: 'query', listener: (event: QueryEvent) => void): this {
    this.#client.on(event, listener);
    return this;
  }

  off(event: 'query', listener: (event: QueryEvent) => void): this {
    this.#client.off(event, listener);
    return this;
  }

  /** Closes the SDK client; Sequelize and its pool stay open. */
  close(): Promise<void> {
    this.#closed = true;
    sequelizeEvents(this.#sequelize).off(this.#forwardBoundEvents);
    return this.#client.close();
  }
}

/** Builds the SDK client over a Sequelize instance (its pool, its transactions). */
export function createSequelizeClient(
  sequelize: Sequelize,
  options: MatrixOneSequelizeOptions = {},
): MatrixOneSequelizeClient {
  return new SequelizeClient(sequelize, options);
}
