/**
 * The SDK client over a TypeORM DataSource: the core client surface on TypeORM's own pool, and a
 * `transaction()` that runs TypeORM's managed transaction with the SDK bound to it.
 */
import {
  type IsolationLevel,
  type MatrixOneClient,
  type QueryEvent,
  type QueryLogger,
  type Queryable,
  type Row,
  type ServerFlavor,
  type Transaction,
  TransactionError,
  toMatrixOneError,
} from '@matrixone/core';
import {
  AdapterClient,
  QueryEvents,
  attachFailure,
  sharedQueryEvents,
  validQueryTimeout,
} from '@matrixone/core/adapter';
import type { DataSource, EntityManager } from 'typeorm';
import { DataSourceDriver } from './data-source-driver.js';
import { correctTypeOrmInsertIds } from './insert-ids.js';
import { type DeferredBinding, bindQueryRunnerDeferred } from './transaction-binding.js';

/** Options of `matrixone(...)`. */
export interface MatrixOneTypeOrmOptions {
  /** Forces the server flavor instead of reading `SELECT version()` (for proxies that hide the version). */
  readonly serverFlavor?: ServerFlavor;
  /** Called with every query event of the client and of its transactions. */
  readonly logger?: QueryLogger;
  /**
   * Timeout for each statement the SDK sends through TypeORM (client and bound transactions), in
   * milliseconds; the connection is closed (not reused, its transaction rolled back by the server) when it
   * fires, and the statement fails with `TimeoutError`. Default none. Row streams (`client.stream`) have no limit.
   */
  readonly queryTimeoutMs?: number;
}

/** What the callback of {@link MatrixOneTypeOrmClient.transaction} receives. */
export interface TypeOrmTransactionContext {
  /** TypeORM's transactional EntityManager: repositories and query builders from it run in the transaction. */
  readonly manager: EntityManager;
  /** The SDK bound to the same transaction and connection. */
  readonly mo: Transaction;
}

/** How {@link MatrixOneTypeOrmClient.transaction} starts TypeORM's transaction. */
export interface TypeOrmTransactionOptions {
  /** Isolation level passed to `dataSource.transaction`; the server default when omitted. */
  readonly isolationLevel?: IsolationLevel;
}

/**
 * The core client over a DataSource's pool, with `transaction()` running TypeORM's transaction.
 * `close()` only closes the SDK client; the DataSource stays initialized.
 */
export interface MatrixOneTypeOrmClient extends Queryable, Pick<MatrixOneClient, 'bulkInsert'> {
  /** The DataSource the client runs on. */
  readonly dataSource: DataSource;
  /**
   * Reads a query's rows one at a time from one pooled connection. Breaking out of the loop early reads and
   * drops the rest of the result before the connection goes back to TypeORM's pool.
   *
   * @example
   * for await (const row of client.stream<{ id: number }>('SELECT id FROM events WHERE day = ?', [day])) {
   *   handle(row);
   * }
   */
  stream<R = Row>(sql: string, values?: readonly unknown[]): AsyncIterable<R>;
  /**
   * Runs `fn` in `dataSource.transaction(...)` with the SDK bound to it: TypeORM commits when `fn` resolves and
   * rolls back when it throws (the error is re-thrown). `afterCommit` hooks run after the COMMIT, once TypeORM
   * has released the connection; a failing hook makes the call reject with a `HookError` (the commit stands).
   *
   * @example
   * await client.transaction(async ({ manager, mo }) => {
   *   await manager.getRepository(Order).save(order);
   *   await mo.clones.table({ table: 'orders_backup' }, { table: 'orders' });
   *   mo.afterCommit(() => client.snapshots.create({ name: 'orders_saved', level: 'account' }));
   * });
   */
  transaction<T>(
    fn: (context: TypeOrmTransactionContext) => Promise<T>,
    options?: TypeOrmTransactionOptions,
  ): Promise<T>;
  /**
   * Listens to every statement the client and its transactions run (SQL with placeholders, never the values).
   *
   * @example
   * client.on('query', (e) => console.log(`${e.durationMs.toFixed(1)} ms ${e.sql}`));
   */
  on(event: 'query', listener: (e: QueryEvent) => void): this;
  /** Removes a listener added with {@link MatrixOneTypeOrmClient.on}. */
  off(event: 'query', listener: (e: QueryEvent) => void): this;
  /** Closes the SDK client only; the DataSource and its pool stay open. Safe to call twice. */
  close(): Promise<void>;
}

/** Builds the client for `matrixone(dataSource)`. */
export function createTypeOrmClient(
  dataSource: DataSource,
  options: MatrixOneTypeOrmOptions = {},
): MatrixOneTypeOrmClient {
  correctTypeOrmInsertIds(dataSource, options.serverFlavor);
  return new TypeOrmClient(dataSource, options);
}

/** The core's adapter client on the DataSource's pool, with `transaction()` running TypeORM's transaction. */
class TypeOrmClient extends AdapterClient implements MatrixOneTypeOrmClient {
  readonly dataSource: DataSource;
  readonly #serverFlavor: ServerFlavor | undefined;
  readonly #queryTimeoutMs: number | undefined;

  constructor(dataSource: DataSource, options: MatrixOneTypeOrmOptions) {
    const queryTimeoutMs = validQueryTimeout(options.queryTimeoutMs);
    super(new DataSourceDriver(dataSource, queryTimeoutMs), {
      events: new QueryEvents(options.logger),
      forwardFrom: sharedQueryEvents(dataSource),
      serverInfoSharedBy: dataSource,
      ...(options.serverFlavor !== undefined && { serverFlavor: options.serverFlavor }),
    });
    this.dataSource = dataSource;
    this.#serverFlavor = options.serverFlavor;
    this.#queryTimeoutMs = queryTimeoutMs;
  }

  async transaction<T>(
    fn: (context: TypeOrmTransactionContext) => Promise<T>,
    options: TypeOrmTransactionOptions = {},
  ): Promise<T> {
    this.assertOpen();
    let binding: DeferredBinding | undefined;
    let callbackResolved = false;
    const work = async (manager: EntityManager): Promise<T> => {
      if (!manager.queryRunner)
        throw new TransactionError('TypeORM ran the transaction without a query runner.');
      binding = bindQueryRunnerDeferred(manager.queryRunner, {
        events: this.events,
        ...(this.#serverFlavor !== undefined && { serverFlavor: this.#serverFlavor }),
        queryTimeoutMs: this.#queryTimeoutMs,
      });
      const result = await fn({ manager, mo: binding.tx });
      callbackResolved = true;
      return result;
    };
    let result: T;
    try {
      result = await (options.isolationLevel === undefined
        ? this.dataSource.transaction(work)
        : this.dataSource.transaction(options.isolationLevel, work));
    } catch (error) {
      throw await failureAfterTypeOrm(error, binding, callbackResolved);
    }
    await binding?.settle('commit');
    return result;
  }
}

/**
 * The error `transaction()` throws once TypeORM gave up. An error of the callback comes back unchanged; once
 * the callback had resolved, the failure was TypeORM's COMMIT and comes back as a typed core error. Failing
 * `afterRollback` hooks are attached as `hookError` (read it with the core's `hookErrorOf`). When the callback
 * had resolved but neither COMMIT nor ROLLBACK was confirmed, it is a TransactionError with `outcomeUnknown`.
 */
async function failureAfterTypeOrm(
  error: unknown,
  binding: DeferredBinding | undefined,
  callbackResolved: boolean,
): Promise<unknown> {
  const failure = callbackResolved ? toMatrixOneError(error, { sql: 'COMMIT' }) : error;
  const outcome = binding?.outcome();
  if (outcome === 'rollback' && binding) {
    try {
      await binding.settle('rollback');
    } catch (hookError) {
      return attachFailure(failure, 'hookError', hookError);
    }
    return failure;
  }
  if (outcome === undefined && callbackResolved) {
    return new TransactionError(
      'TypeORM could not confirm the COMMIT or a ROLLBACK of the transaction: it may or may not have committed. ' +
        'Check the data before retrying.',
      { outcomeUnknown: true, cause: failure },
    );
  }
  return failure;
}
