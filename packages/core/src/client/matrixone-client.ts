/**
 * The client: a {@link Queryable} over a {@link SqlDriver} (the core's mysql2 pool, or an adapter's wrapper
 * around an ORM's pool), with streaming, transactions and query events.
 */
import {
  type BulkInsertOptions,
  type BulkInsertResult,
  planBulkInsert,
  runBulkInsert,
} from '../bulk/bulk-insert.js';
import type { BulkRows } from '../bulk/bulk-rows.js';
import { MaxAllowedPacket } from '../bulk/max-allowed-packet.js';
import type {
  Executor,
  Row,
  SqlDriver,
  Statement,
  StatementResult,
  TransactionOptions,
} from '../connection/executor.js';
import { observeRun } from '../connection/observe-statement.js';
import { ConfigurationError, ConnectionError, InvalidInputError } from '../errors/errors.js';
import { toMatrixOneError } from '../errors/map-driver-error.js';
import {
  type QueryEvent,
  QueryEvents,
  type QueryListener,
  type QueryLogger,
} from '../events/query-events.js';
import { ManagedQueryable, type Queryable } from '../managers/queryable.js';
import { ServerFlavor, type ServerInfo } from '../server/server-info.js';
import type { TableRef } from '../sql/identifier.js';
import { assertReadOnlyEnforced } from '../transaction/read-only.js';
import { runTransaction } from '../transaction/run-transaction.js';
import { type Transaction, TransactionScope } from '../transaction/transaction.js';
import { type ServerInfoSourceOptions, serverInfoSource } from './server-info-source.js';

/** Options of {@link createClientFromDriver}. */
export interface ClientOptions {
  /** Forces the server flavor instead of reading `SELECT version()` (for proxies that hide the version). */
  readonly serverFlavor?: ServerFlavor;
  /** Called with every query event, like a `client.on('query')` listener. */
  readonly logger?: QueryLogger;
  /**
   * The event listeners to use; share one instance with `bindTransaction` (adapters). A new one by default.
   * `logger` and listeners added with `client.on` are registered on it.
   */
  readonly events?: QueryEvents;
  /**
   * Shares the detected server with the transactions an adapter binds on the same ORM instance (pass that
   * instance here and as `sharedBy` of their server detection), so `SELECT version()` is read once.
   */
  readonly serverInfoSharedBy?: object;
}

/** A connection to MatrixOne: raw SQL, streaming, transactions, managers and query events. */
export interface MatrixOneClient extends Queryable {
  /**
   * Reads a query's rows one at a time from one connection, in constant memory. Breaking out of the loop
   * releases the connection.
   *
   * @example
   * for await (const row of client.stream<{ id: number }>('SELECT id FROM events WHERE day = ?', [day])) {
   *   handle(row);
   * }
   */
  stream<R = Row>(sql: string, values?: readonly unknown[]): AsyncIterable<R>;
  /**
   * Runs `fn` in a transaction on one pooled connection: COMMIT when it resolves, ROLLBACK when it throws
   * (the original error is re-thrown, a failed ROLLBACK attached as `rollbackError`), the connection always
   * released. A COMMIT whose answer never came fails with `TransactionError{outcomeUnknown: true}`.
   *
   * @example
   * const id = await client.transaction(async (tx) => {
   *   const { insertId } = await tx.execute('INSERT INTO orders (total) VALUES (?)', [42]);
   *   return insertId;
   * }, { isolationLevel: 'READ COMMITTED' });
   */
  transaction<T>(fn: (tx: Transaction) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /**
   * Inserts many rows with multi-row INSERT statements and bound values, in batches that fit the server's
   * `max_allowed_packet` (read once per client) and at most `maxRowsPerBatch` rows (default 1000). All
   * batches run in one transaction: if one fails, none of the rows stay. Table and column names go through the
   * identifier rules; a bad name or row shape is refused before any SQL is sent, and so is a value that cannot
   * be bound (an object, an array) in the first batch; one further on fails the call and rolls everything back.
   *
   * @example
   * const { affectedRows, batches } = await client.bulkInsert('events', [
   *   { id: 1, kind: 'click' },
   *   { id: 2, kind: 'view' },
   * ]);
   * await client.bulkInsert({ database: 'shop', table: 'orders' }, { columns: ['id', 'total'], rows: [[1, 9.5]] });
   */
  bulkInsert(
    table: string | TableRef,
    rows: BulkRows,
    options?: BulkInsertOptions,
  ): Promise<BulkInsertResult>;
  /**
   * Listens to every statement the client and its transactions run. Events carry the SQL with placeholders
   * (password literals redacted), never the bound values.
   *
   * @example
   * client.on('query', (e) => console.log(`${e.durationMs.toFixed(1)} ms ${e.sql}`));
   */
  on(event: 'query', listener: (e: QueryEvent) => void): this;
  /** Removes a listener added with {@link MatrixOneClient.on}. */
  off(event: 'query', listener: (e: QueryEvent) => void): this;
  /** Closes the connections (for a client over an ORM's pool, the ORM keeps its pool). Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Builds a client over a driver. Adapters call it with a driver over their ORM's pool, so there is never a
 * second pool; `createClient` calls it with the core's mysql2 pool.
 *
 * @example
 * const client = createClientFromDriver(myDriver, { serverFlavor: 'matrixone' });
 */
export function createClientFromDriver(driver: SqlDriver, options: ClientOptions = {}): MatrixOneClient {
  if (options.serverFlavor !== undefined && !Object.values(ServerFlavor).includes(options.serverFlavor)) {
    throw new ConfigurationError(
      'serverFlavor',
      `expected one of ${Object.values(ServerFlavor).join(', ')}, got ${String(options.serverFlavor)}`,
    );
  }
  // The client's listeners live on the shared instance, so events of transactions an adapter binds with the
  // same instance reach `client.on('query')` listeners and the logger too.
  const events = options.events ?? new QueryEvents();
  if (options.logger) events.on(options.logger);
  return new DriverClient(driver, events, {
    ...(options.serverFlavor !== undefined && { serverFlavor: options.serverFlavor }),
    ...(options.serverInfoSharedBy !== undefined && { sharedBy: options.serverInfoSharedBy }),
  });
}

/** Runs statements on the driver while the client is open, reporting each as a query event. */
class ClientExecutor implements Executor {
  readonly inTransaction = false;
  closed = false;
  readonly #driver: SqlDriver;
  readonly #events: QueryEvents;

  constructor(driver: SqlDriver, events: QueryEvents) {
    this.#driver = driver;
    this.#events = events;
  }

  async run<R = Row>(statement: Statement): Promise<StatementResult<R>> {
    this.assertOpen();
    return observeRun<R>(this.#events, this.#driver, statement);
  }

  assertOpen(): void {
    if (this.closed) {
      throw new ConnectionError('The client is closed: create a new client to run more statements.');
    }
  }
}

class DriverClient extends ManagedQueryable implements MatrixOneClient {
  readonly #driver: SqlDriver;
  readonly #events: QueryEvents;
  readonly #executor: ClientExecutor;
  readonly #serverInfo: () => Promise<ServerInfo>;
  readonly #maxAllowedPacket = new MaxAllowedPacket();
  #closing: Promise<void> | undefined;

  constructor(driver: SqlDriver, events: QueryEvents, serverInfoOptions: ServerInfoSourceOptions) {
    const executor = new ClientExecutor(driver, events);
    const serverInfo = serverInfoSource(executor, serverInfoOptions);
    super({ executor, serverInfo });
    this.#driver = driver;
    this.#events = events;
    this.#executor = executor;
    this.#serverInfo = serverInfo;
  }

  /** A session variable and the statement it affects share one pooled connection: a short transaction. */
  protected override onOneConnection<T>(work: (executor: Executor) => Promise<T>): Promise<T> {
    return this.transaction((tx) => work(tx.executor));
  }

  stream<R = Row>(sql: string, values?: readonly unknown[]): AsyncIterable<R> {
    const statement: Statement = values === undefined ? { sql } : { sql, values };
    return this.#stream<R>(statement);
  }

  protected override streamStatement(statement: Statement): AsyncIterable<Row> {
    return this.#stream<Row>(statement);
  }

  async *#stream<R>(statement: Statement): AsyncGenerator<R> {
    this.#executor.assertOpen();
    const driver = this.#driver;
    if (!driver.stream) {
      throw new ConfigurationError(
        'driver',
        'this client runs on a driver that cannot stream results; use query() or a driver with stream()',
      );
    }
    const started = performance.now();
    let rowCount = 0;
    let error: unknown;
    try {
      for await (const row of driver.stream<R>(statement)) {
        rowCount += 1;
        yield row;
      }
    } catch (caught) {
      error = toMatrixOneError(caught, statement);
      throw error;
    } finally {
      this.#events.report(statement.sql, {
        durationMs: performance.now() - started,
        rowCount,
        affectedRows: 0,
        inTransaction: false,
        ...(error !== undefined && { error: toMatrixOneError(error) }),
      });
    }
  }

  async transaction<T>(fn: (tx: Transaction) => Promise<T>, options?: TransactionOptions): Promise<T> {
    this.#executor.assertOpen();
    if (options?.readOnly === true) assertReadOnlyEnforced(await this.#serverInfo());
    let connection: Awaited<ReturnType<SqlDriver['begin']>>;
    try {
      connection = await this.#driver.begin(options);
    } catch (error) {
      throw toMatrixOneError(error);
    }
    return runTransaction(connection, TransactionScope.open(connection, this.#events, this.#serverInfo), fn);
  }

  async bulkInsert(
    table: string | TableRef,
    rows: BulkRows,
    options: BulkInsertOptions = {},
  ): Promise<BulkInsertResult> {
    this.#executor.assertOpen();
    const plan = await planBulkInsert(table, rows, options, () =>
      this.#maxAllowedPacket.read(this.#executor),
    );
    if (plan.first === undefined) return { affectedRows: 0, batches: 0 };
    return this.transaction((tx) => runBulkInsert(tx.executor, plan));
  }

  on(event: 'query', listener: QueryListener): this {
    this.#events.on(checkEventName(event, listener));
    return this;
  }

  off(event: 'query', listener: QueryListener): this {
    this.#events.off(checkEventName(event, listener));
    return this;
  }

  close(): Promise<void> {
    this.#executor.closed = true;
    this.#closing ??= this.#driver.close().catch((error: unknown) => {
      throw toMatrixOneError(error);
    });
    return this.#closing;
  }
}

function checkEventName(event: string, listener: unknown): QueryListener {
  if (event !== 'query') {
    throw new InvalidInputError('event', `The client emits only "query" events, got "${event}".`);
  }
  if (typeof listener !== 'function') {
    throw new InvalidInputError('listener', `The listener must be a function, got ${typeof listener}.`);
  }
  return listener as QueryListener;
}
